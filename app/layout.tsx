import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Sesame — SES setup and health",
  description: "Set up Amazon SES for Plunk, useSend and friends, and keep it healthy.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
