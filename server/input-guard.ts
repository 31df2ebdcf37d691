// Control characters in a URL (the ids in its path, its query) or in a form field are refused with 400 before any
// route sees them: PostgreSQL refuses NUL in text and a newline breaks a header, which surfaced as 500s. JSON bodies
// are checked by the API's own reader (app/lib/json-body.ts); multipart bodies carry binary files and are left to
// their route's schema.
import type { NextFunction, Request, Response } from "express";
import { hasControlCharacter } from "../app/lib/control-characters";
import { refuseRequest } from "./body-limits";

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The first offending part of the request ("adresse", or the form field's name), or null. */
function controlCharacterIn(req: Request, res: Response): string | null {
  const target = req.originalUrl;
  const query = target.indexOf("?");
  const path = decoded(query === -1 ? target : target.slice(0, query));
  if (path === null || hasControlCharacter(path)) return "adresse";
  if (query !== -1) {
    for (const [key, value] of new URLSearchParams(target.slice(query + 1))) {
      if (hasControlCharacter(key) || hasControlCharacter(value)) return key;
    }
  }
  const body = res.locals.body as Buffer | undefined;
  if (body && req.is("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) {
      if (hasControlCharacter(key) || hasControlCharacter(value)) return key;
    }
  }
  return null;
}

export function refuseControlCharacters() {
  return (req: Request, res: Response, next: NextFunction) => {
    const where = controlCharacterIn(req, res);
    if (where === null) return next();
    refuseRequest(req, res, 400, "CONTROL_CHARACTER", where === "adresse" ? " (dans l'adresse)" : ` (champ « ${where.slice(0, 60)} »)`);
  };
}
