// Entry of the inventory parse worker (app/models/inventory-parse.server.ts). Plain JavaScript so that Node can start
// it with no loader: it registers tsx in this thread, then loads the TypeScript worker, which imports the domain code
// as it is. The server's own tsx registration does not reach worker threads started by `npm start`.
import { register } from "tsx/esm/api";

register();
await import("./inventory-parse.ts");
