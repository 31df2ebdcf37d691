// The characters French typography adds to plain text. One place names them, so that the formatter of numbers, the
// typesetter of prose, the renderers and the export lint agree on the exact code points.

/** No-break space (U+00A0): binds a number to its unit or noun, "article" or "n°" to what they introduce. */
export const NBSP = "\u00A0";

/** Narrow no-break space (U+202F): the thousands separator, and the space before « : ; ! ? % » and inside « ». */
export const NNBSP = "\u202F";

/** Non-breaking hyphen (U+2011): keeps "R. 441-5-2" or "2020-145" on one line. Word writes it as `<w:noBreakHyphen/>`. */
export const NBHYPHEN = "\u2011";

/** Typographic apostrophe (U+2019), for elisions: "l’assiette", "d’Action Logement". */
export const APOSTROPHE = "\u2019";
