/** Line prefixes child processes print their result after, on stdout. */
export const ANSWER_MARKER = "ANSWER ";
export const RESULT_MARKER = "RESULT ";
