import type { Metadata } from "next";
import { connection } from "next/server";
import { AppShell } from "@/components/shell/app-shell";
import { readConfig } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = {
  title: "Sesame — SES setup and health",
  description: "Set up Amazon SES for Plunk, useSend and friends, and keep it healthy.",
  // public/favicon.ico for every browser and /favicon.ico requests, the SVG where it is understood
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
  },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Demo mode is decided at start-up (env), not at build time.
  await connection();
  const demo = readConfig().demo;
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <AppShell demo={demo}>{children}</AppShell>
      </body>
    </html>
  );
}
