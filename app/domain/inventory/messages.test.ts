import { describe, expect, it } from "vitest";

import { INVENTORY_COLUMNS } from "./columns";
import { INVENTORY_ERROR_CODES, INVENTORY_WARNING_CODES, inventoryMessages } from "./messages";

describe("inventory message catalogue", () => {
  it("every code has a message: its own builder, or the cell-format message of the column it belongs to", () => {
    const cellCodes = new Set(Object.values(INVENTORY_COLUMNS).map((column) => column.invalidCode));
    for (const code of [...INVENTORY_ERROR_CODES, ...INVENTORY_WARNING_CODES]) {
      expect(code in inventoryMessages || cellCodes.has(code as never), code).toBe(true);
    }
  });
});
