export default function Home() {
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-bold text-neutral-900">Sesame</h1>
      <p className="text-neutral-500">Set up Amazon SES for your email platform.</p>
    </main>
  );
}
