/**
 * What shows nothing on screen: whitespace, control and format characters (zero width spaces
 * and joiners, bidi marks, the BOM), default-ignorable code points (fillers, variation
 * selectors), surrogates and unassigned code points. Required text needs one character besides.
 */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}\p{Cn}]/u;

/** The domain's one rule for required text; the HTTP edge applies the same function. */
export const hasVisibleText = (value: string): boolean => VISIBLE.test(value);
