// `npm start`: builds the app when build/ is missing or older than its sources, then serves it in production mode
// in this same process (signals reach the server directly, no wrapper process to orphan it).
import { register } from "tsx/esm/api";
import { buildIfStale } from "./build-if-stale.mjs";

buildIfStale();
process.env.NODE_ENV = "production";
register();
await import("../server/index.ts");
