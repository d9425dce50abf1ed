import type { FormErrors } from "./errors.ts";
import { charLength, isObject } from "./json.ts";
import type { AutocompleteChoice, JsonObject } from "./types.ts";

export const AutocompleteLimits = { choices: 25, name: 100, value: 100 } as const;

/** Reads an autocomplete result's `data.choices`, recording every limit it breaks. */
export function readAutocompleteChoices(data: JsonObject | null, errors: FormErrors): AutocompleteChoice[] {
  const raw = data?.choices;
  const path = ["data", "choices"];
  if (!Array.isArray(raw)) {
    errors.required(path, "autocomplete.choices.required");
    return [];
  }
  if (raw.length > AutocompleteLimits.choices)
    errors.maxLength(path, "autocomplete.choices.count", AutocompleteLimits.choices);
  const choices: AutocompleteChoice[] = [];
  for (const [i, choice] of raw.entries()) {
    const at = [...path, i];
    if (!isObject(choice)) {
      errors.wrongType(at, "autocomplete.choice.type", "an object");
      continue;
    }
    const { name, value } = choice;
    if (typeof name !== "string" || charLength(name) < 1 || charLength(name) > AutocompleteLimits.name)
      errors.badLength([...at, "name"], "autocomplete.choice.name.length", 1, AutocompleteLimits.name);
    if (typeof value === "string") {
      if (charLength(value) > AutocompleteLimits.value)
        errors.maxLength([...at, "value"], "autocomplete.choice.value.length", AutocompleteLimits.value);
    } else if (typeof value !== "number")
      errors.required([...at, "value"], "autocomplete.choice.value.required");
    if (typeof name === "string" && (typeof value === "string" || typeof value === "number"))
      choices.push({ name, value });
  }
  return choices;
}
