// Control characters have no business in an id, a form field or a JSON string of this application: PostgreSQL
// refuses NUL in text, a newline in a header value breaks the response, and the others hide text from readers.
// Tab, line feed and carriage return stay allowed: multi-line comments use them.

// eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** True when the text holds a C0 control character other than tab, line feed and carriage return. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * The path ("anchor.from", "items.2") of the first string, or object key, holding a control character in a parsed
 * JSON value; "" for the value itself; null when there is none. Iterative, so that depth costs no stack.
 */
export function findControlCharacter(value: unknown): string | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      if (CONTROL.test(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: path ? `${path}.${index}` : String(index) }));
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const itemPath = path ? `${path}.${key}` : key;
        if (CONTROL.test(key)) return itemPath;
        stack.push({ value: item, path: itemPath });
      }
    }
  }
  return null;
}
