import { Activity, KeyRound, Mail, RotateCw, Wand2, Wrench } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { DemoBanner } from "./demo-banner";

const NAV = [
  {
    section: "Set up",
    items: [{ href: "/setup", label: "Setup wizard", icon: Wand2 }],
  },
  {
    section: "Operate",
    items: [
      { href: "/health", label: "Health", icon: Activity },
      { href: "/setup/rotate", label: "Rotate access key", icon: RotateCw },
    ],
  },
  {
    section: "Tools",
    items: [
      { href: "/tools/smtp-password", label: "SMTP password", icon: KeyRound },
      { href: "/tools/sigv4", label: "SigV4 doctor", icon: Wrench },
    ],
  },
] as const;

/** Plunk-style shell: fixed white sidebar with grouped nav, neutral-50 content area, demo banner on top. */
export function AppShell({ children, demo }: { children: ReactNode; demo: boolean }) {
  return (
    <div className="flex min-h-screen flex-col">
      {demo ? <DemoBanner /> : null}
      <div className="flex flex-1 flex-col md:flex-row">
        <aside className="border-b border-neutral-200 bg-white md:w-60 md:shrink-0 md:border-r md:border-b-0">
          <div className="flex items-center gap-2 px-5 py-4">
            <span className="flex h-7 w-7 items-center justify-center rounded-md bg-neutral-900 text-white">
              <Mail className="h-4 w-4" aria-hidden />
            </span>
            <Link href="/" className="text-base font-semibold text-neutral-900">
              Sesame
            </Link>
          </div>
          <nav aria-label="Main" className="flex gap-4 overflow-x-auto px-3 pb-4 md:flex-col md:gap-5">
            {NAV.map((group) => (
              <div key={group.section} className="flex flex-col gap-1">
                <p className="hidden px-2 text-[11px] font-medium uppercase tracking-wider text-neutral-400 md:block">
                  {group.section}
                </p>
                {group.items.map((item) => (
                  <Link
                    key={item.href}
                    href={item.href}
                    className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-neutral-700 hover:bg-neutral-100 hover:text-neutral-900"
                  >
                    <item.icon className="h-4 w-4 text-neutral-500" aria-hidden />
                    {item.label}
                  </Link>
                ))}
              </div>
            ))}
          </nav>
        </aside>
        <main className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-8">
          <div className="mx-auto max-w-5xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
