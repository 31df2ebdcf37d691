import { describe, expect, it } from "vitest";
import { awaitingFor, type AwaitingInput } from "./awaiting";

const base: AwaitingInput = {
  me: "ddets",
  role: "edition",
  invitation: null,
  status: "en_negociation",
  negotiators: ["bailleur", "ddets"],
  options: [
    { key: "gestion_prefet", label: "Mode de gestion du contingent préfectoral" },
    { key: "decompte", label: "Fait générateur du décompte" },
  ],
  positions: [],
  articles: [
    { id: "objet", number: 1, title: "Objet" },
    { id: "duree", number: 2, title: "Durée" },
  ],
  tables: [{ id: "tableau:bailleur", bailleur: "bailleur", title: "Tableau du flux — Bailleur", computed: true }],
  approvals: [],
  deadlines: [],
};

describe("what awaits the reader", () => {
  it("lists every position and every article while nothing is answered, and not another bailleur's table", () => {
    const a = awaitingFor(base);
    expect(a.positions.map((p) => p.id)).toEqual(["gestion_prefet", "decompte"]);
    expect(a.approvals.map((p) => p.label)).toEqual(["Article 1 — Objet", "Article 2 — Durée"]);
    expect(a.empty).toBe(false);
  });

  it("drops what is answered and current, keeps what is « à revoir »", () => {
    const a = awaitingFor({
      ...base,
      positions: [
        { option: "gestion_prefet", party: "ddets", current: true, status: "a_jour" },
        { option: "decompte", party: "ddets", current: true, status: "a_revoir" },
        { option: "decompte", party: "bailleur", current: true, status: "a_jour" },
      ],
      approvals: [
        { article: "objet", party: "ddets", status: "approuve" },
        { article: "duree", party: "ddets", status: "a_revoir" },
      ],
    });
    expect(a.positions).toEqual([{ id: "decompte", label: "Fait générateur du décompte", review: true }]);
    expect(a.approvals).toEqual([{ id: "duree", label: "Article 2 — Durée", review: true }]);
  });

  it("asks the bailleur for its own computed table only", () => {
    const a = awaitingFor({ ...base, me: "bailleur" });
    expect(a.approvals.at(-1)).toEqual({ id: "tableau:bailleur", label: "Tableau du flux — Bailleur", review: false });
    const notComputed = awaitingFor({ ...base, me: "bailleur", tables: [{ ...base.tables[0], computed: false }] });
    expect(notComputed.approvals.some((x) => x.id.startsWith("tableau:"))).toBe(false);
  });

  it("shows overdue deadlines to every reader, asks nothing of a lecture party nor of a pending invitation but the invitation", () => {
    const deadlines = [{ option: "decompte", deadline: "2026-01-15", overdue: true }, { option: "gestion_prefet", deadline: "2099-01-01", overdue: false }];
    const reader = awaitingFor({ ...base, role: "lecture", deadlines });
    expect(reader.positions).toEqual([]);
    expect(reader.approvals).toEqual([]);
    expect(reader.overdue).toEqual([{ id: "decompte", label: "Fait générateur du décompte", review: false, deadline: "2026-01-15" }]);
    const invited = awaitingFor({ ...base, invitation: "invitee" });
    expect(invited).toMatchObject({ invitation: true, positions: [], approvals: [] });
  });

  it("awaits nothing once the convention is signed", () => {
    const a = awaitingFor({ ...base, status: "signee", invitation: "invitee", deadlines: [{ option: "decompte", deadline: "2026-01-15", overdue: true }] });
    expect(a).toEqual({ invitation: false, positions: [], approvals: [], overdue: [], empty: true });
  });
});
