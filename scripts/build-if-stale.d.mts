/** Builds the app when build/ is missing or older than its sources; exits the process when the build fails. */
export function buildIfStale(root?: string): void;
