// French typography: one module for the export, the screens and the read API. See docs/decisions/0302-french-typography.md.
export { APOSTROPHE, NBHYPHEN, NBSP, NNBSP } from "./characters";
export { DEPARTEMENTS, departementName, withArticle } from "./departements";
export { a, de, elidesBefore } from "./names";
export { type Segment, frenchText, typeset, typesetPieces } from "./typeset";
