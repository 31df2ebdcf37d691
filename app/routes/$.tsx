import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { message } from "~/lib/messages";

export const meta: MetaFunction = () => [{ title: "Page introuvable — Conflux" }];

/**
 * Every address no other route answers: a 404 that the root's error boundary shows in French inside the layout. A
 * route of its own (rather than Remix's "no route matches") keeps an unknown address out of the error log.
 */
export function loader(_args: LoaderFunctionArgs): never {
  throw Response.json(message("NOT_FOUND"), { status: 404 });
}

export default function NotFound() {
  return null;
}
