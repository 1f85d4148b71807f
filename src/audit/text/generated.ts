/** True-when-matching for files NOT marked as generated in their first lines (`Code generated ... DO NOT EDIT`, `@generated`). */
export const NOT_GENERATED = /^(?![^]{0,600}?(?:Code generated\b[^\n]*DO NOT EDIT|@generated\b))/;
