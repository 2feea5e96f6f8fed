/** One issue as zod reports it: where in the input, and what is wrong there. */
export interface ValidationIssue {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * How every refusal of the server names what was wrong: `cars.0.position: Too small: …`, for the
 * first five issues. `whole` names the input itself, for an issue that is about no one field.
 */
export function describeIssues(issues: readonly ValidationIssue[], whole = 'update'): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : whole}: ${issue.message}`)
    .join('; ');
}
