import { clsx, type ClassValue } from "clsx";

/** Join class names; later classes are appended, so callers pass overrides last. */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
