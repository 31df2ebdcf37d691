// « Enregistré » means saved: the server is killed (SIGKILL) while the author types, the author's tab is closed before
// the server comes back, and the tab is opened again. Everything the author's screen showed as saved is in the
// database; what was typed after the last acknowledgement comes back from the browser's IndexedDB copy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_FRAGMENT } from "../../app/collab/document";
import { openDb, type DbHandle } from "../../db/client";
import { createConvention, createMember } from "../../db/factories";
import { drizzleDocumentStore } from "../../server/collab/store";
import { launchBrowser, signedInContext } from "../support/browser";
import { freePort, startChildServer, stopChild, type ChildServer } from "../support/child-server";
import { connectClient, cookieFor, until } from "../support/server";

const url = process.env.DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-crash-"));
// Saves wait 2 s: long enough for the test to type after the last acknowledgement and kill the server before it saves.
const env: Record<string, string> = {
  ...(url ? { DATABASE_URL: url } : { CONFLUX_DATA_DIR: dataDir, CONFLUX_DEMO_SEED: "false" }),
  CONFLUX_SAVE_DELAY_MS: "2000",
};
const open = (): Promise<DbHandle> =>
  url ? openDb({ kind: "postgres", url, max: 2 }) : openDb({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });

let browser: Browser;
const children: ChildServer[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const c of children) await stopChild(c.process, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The text of the body as the database holds it (the server must be stopped with PGlite: one process per folder). */
async function storedBody(conventionId: string): Promise<string> {
  const db = await open();
  try {
    const { updates } = await drizzleDocumentStore(db.db).load(conventionId);
    const doc = new Y.Doc();
    if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
    return doc.getXmlFragment(BODY_FRAGMENT).toString();
  } finally {
    await db.close();
  }
}

/** Entries in this page's IndexedDB copy of the convention (y-indexeddb keeps one entry per update). */
function localEntries(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (dbName) =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open(dbName);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains("updates")) return resolve(0);
          const count = db.transaction("updates").objectStore("updates").count();
          count.onsuccess = () => resolve(count.result);
        };
        request.onerror = () => resolve(-1);
      }),
    name,
  );
}

describe("browser: a crash loses nothing the author was told was saved", () => {
  it("acknowledged text is in the database; text typed after the last acknowledgement comes back from IndexedDB", async () => {
    const setup = await open();
    const author = await createMember(setup.db, "bailleur");
    const reader = await createMember(setup.db, "prefet");
    const convention = await createConvention(setup.db, {
      pilotOrganisationId: author.organisation.id,
      parties: [
        { organisationId: author.organisation.id, role: "edition" },
        { organisationId: reader.organisation.id, role: "edition" },
      ],
      document: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Début." }] }] },
    });
    const authorCookie = await cookieFor(setup, author.user.id);
    const readerCookie = await cookieFor(setup, reader.user.id);
    await setup.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    children.push(await startChildServer(env, port));
    const context = await signedInContext(browser, base, authorCookie);
    const page = await context.newPage();
    await page.goto(`${base}/conventions/${convention.id}`);
    const editor = page.getByRole("textbox", { name: "Texte de la convention" });
    const status = page.getByRole("status").first();
    await editor.getByText("Début.").waitFor();
    await editor.locator("p").last().click();
    await page.keyboard.press("End");

    await page.keyboard.type(" Enregistré-1");
    // « saving » first (the server waits 2 s), then « saved » once the database has it.
    await page.locator('[data-save-state="saving"]').waitFor();
    await page.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toContain("enregistrées");

    const localName = `conflux-${convention.id}-${author.user.id}`;
    const entriesBefore = await localEntries(page, localName);
    await page.keyboard.type(" Retrouvé-2");
    await page.locator('[data-save-state="saving"]').waitFor();
    // The browser's copy has the new text before the server is killed.
    expect(await until(async () => (await localEntries(page, localName)) > entriesBefore, 5_000)).toBe(true);
    await stopChild(children[0].process, "SIGKILL");
    await page.close();

    // In the database: the acknowledged text, and not yet what followed it.
    const afterCrash = await storedBody(convention.id);
    expect(afterCrash).toContain("Enregistré-1");
    expect(afterCrash).not.toContain("Retrouvé-2");

    children.push(await startChildServer(env, port));
    const watcher = connectClient(base, convention.id, readerCookie);
    try {
      expect(await until(() => watcher.provider.synced, 10_000)).toBe(true);
      const watcherText = () => watcher.doc.getXmlFragment(BODY_FRAGMENT).toString();
      expect(watcherText()).toContain("Enregistré-1");
      expect(watcherText()).not.toContain("Retrouvé-2");
      // The author opens the convention again: the browser's copy hands back what the server never saved.
      const again = await context.newPage();
      const errors: string[] = [];
      again.on("pageerror", (e) => errors.push(e.message));
      await again.goto(`${base}/conventions/${convention.id}`);
      await again.getByRole("textbox", { name: "Texte de la convention" }).getByText("Retrouvé-2", { exact: false }).waitFor();
      expect(await until(() => watcherText().includes("Retrouvé-2"), 10_000)).toBe(true);
      await again.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
      expect(errors).toEqual([]);
    } finally {
      watcher.destroy();
      await context.close();
    }
    await stopChild(children[1].process, "SIGTERM");
    expect(await storedBody(convention.id)).toContain("Retrouvé-2");
  }, 150_000); // two server starts on the embedded database, the second recovering from a SIGKILL: slow on a loaded machine
});
