/** What a panel loaded on demand (React.lazy) shows while its code arrives. */
export function LazyFallback({ what }: { what: string }) {
  return (
    <p aria-live="polite" className="text-sm text-neutral-500">
      Loading {what}…
    </p>
  );
}
