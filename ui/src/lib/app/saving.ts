// One way every form saves: the core's answer is either what was saved (said in a notice), or
// the field issues to show beside the fields; any other refusal is shown as a notice.
import { errorText, fieldIssues, type FieldIssue } from "../api";
import { t } from "../i18n/i18n.svelte";
import { app } from "./app.svelte";

export type Saved<T> = { ok: true; value: T } | { ok: false; issues: Map<string, FieldIssue> };

/** Waits for `request` (a `call(commands.…)`); `notice` is the message key said on success. */
export async function saving<T>(request: Promise<T>, notice?: string): Promise<Saved<T>> {
  try {
    const value = await request;
    if (notice) app.notify(t(notice));
    return { ok: true, value };
  } catch (error) {
    const issues = fieldIssues(error);
    if (issues.size === 0) app.notify(errorText(error), "error");
    return { ok: false, issues };
  }
}
