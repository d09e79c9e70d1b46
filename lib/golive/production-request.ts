import { z } from "zod";

/**
 * The production-access request (SESv2 PutAccountDetails) as the wizard composes it, browser-safe: the form's schema,
 * the drafted use-case text, the points AWS reviewers look for, and the AWS CLI command for operators who run it
 * themselves (docs/wizard.md, "Leaving the sandbox").
 */

export const ProductionRequestSchema = z.object({
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "Pick an AWS region."),
  mailType: z.enum(["TRANSACTIONAL", "MARKETING"]),
  websiteUrl: z
    .string()
    .trim()
    .max(1000)
    .regex(/^https?:\/\/\S+$/i, "The website URL must start with https:// (or http://)."),
  useCase: z
    .string()
    .trim()
    .min(50, "Describe the use case in a few sentences (at least 50 characters): reviewers refuse one-liners.")
    .max(5000, "AWS accepts at most 5000 characters."),
  contacts: z
    .array(z.string().trim().email("Each additional contact must be an email address."))
    .max(4, "AWS accepts at most 4 additional contacts.")
    .default([]),
  language: z.enum(["EN", "JA"]).default("EN"),
});
export type ProductionRequest = z.infer<typeof ProductionRequestSchema>;

export const ReviewSchema = z.object({
  status: z.enum(["PENDING", "GRANTED", "DENIED", "FAILED"]),
  caseId: z.string().optional(),
});
export type Review = z.infer<typeof ReviewSchema>;

export { type DraftFacts, draftUseCase, putAccountDetailsCli, REVIEW_POINTS, shellQuote } from "./production-draft";
