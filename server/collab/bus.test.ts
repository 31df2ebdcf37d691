import { describe, expect, it } from "vitest";
import { BusDecodeError, decodeBusMessage, encodeBusMessage, type BusMessage } from "./bus";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("bus messages", () => {
  const messages: BusMessage[] = [
    { type: "update", doc: "c1", from: "i1", seq: 42, update: bytes(1, 2, 3) },
    { type: "awareness", doc: "c1", from: "i1", update: bytes(9) },
    { type: "saved", doc: "c1", from: "i1", seq: 7 },
    { type: "sync-request", doc: "c1", from: "i2", stateVector: bytes(0) },
    { type: "sync-reply", doc: "c1", from: "i1", to: "i2", update: bytes(0, 0) },
    { type: "refresh", doc: "c1", from: "i1" },
    { type: "logout", from: "i1", sessionKey: "jeton" },
  ];

  it("round-trips every kind of message", () => {
    for (const message of messages) expect(decodeBusMessage(encodeBusMessage(message))).toEqual(message);
  });

  it("refuses unknown types, truncated messages and trailing bytes", () => {
    expect(() => decodeBusMessage(bytes(99, 0))).toThrow(BusDecodeError);
    const update = encodeBusMessage(messages[0]);
    expect(() => decodeBusMessage(update.slice(0, update.length - 2))).toThrow(BusDecodeError);
    expect(() => decodeBusMessage(new Uint8Array([...update, 0]))).toThrow(BusDecodeError);
    expect(() => decodeBusMessage(bytes())).toThrow(BusDecodeError);
  });
});
