import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { useSecureCookies } from "~/lib/auth.server";
import { clearSessionCookie, destroySession, readSessionToken } from "~/lib/session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const token = readSessionToken(request.headers.get("cookie"));
  await destroySession(context.db, token);
  if (token) context.collab.disconnectSession(token);
  return redirect("/login", {
    status: 303,
    headers: { "Set-Cookie": clearSessionCookie(useSecureCookies(request, context)) },
  });
}

export async function loader() {
  return redirect("/");
}
