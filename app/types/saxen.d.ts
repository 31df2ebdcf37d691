// Types for saxen (a streaming SAX parser that ships none): the parts of its API the XLSX reader uses
// (app/domain/inventory/xlsx-sheet.ts).
declare module "saxen" {
  type Decode = (text: string) => string;
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(event: "openTag", handler: (name: string, getAttrs: () => Record<string, string>, decode: Decode, selfClosing: boolean) => void): this;
    on(event: "closeTag", handler: (name: string, decode: Decode, selfClosing: boolean) => void): this;
    on(event: "text", handler: (text: string, decode: Decode) => void): this;
    on(event: "cdata", handler: (text: string) => void): this;
    on(event: "error" | "warn", handler: (error: Error) => void): this;
    /** Parses the next piece of a document; an unfinished token waits for the next piece. */
    write(xml: string): this;
    /** Parses what is left; returns the error the document ended on, when the error handler did not throw. */
    end(): Error | undefined;
    stop(): void;
  }
  export function decode(text: string): string;
}
