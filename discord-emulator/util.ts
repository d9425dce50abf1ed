import type { ButtonComponent, Component, StoredMessage } from "./types.ts";
import { isActionRow, isButton } from "./validate-message.ts";

function* walk(components: readonly Component[]): Generator<Component> {
  for (const component of components) {
    yield component;
    if (isActionRow(component)) yield* walk(component.components);
  }
}

/** Every button of a message, row by row. */
export function buttonsOf(message: Pick<StoredMessage, "components">): ButtonComponent[] {
  return [...walk(message.components)].filter(isButton);
}

/** The custom ids of a message's interactive components. */
export function customIdsOf(message: Pick<StoredMessage, "components">): string[] {
  return [...walk(message.components)].flatMap((c) => (typeof c.custom_id === "string" ? [c.custom_id] : []));
}
