// The document the Redoc reference renders: the bundled spec with the full Authentication and
// Limits and throttling sections on the landing page, soft line breaks joined, a link to the try-it console under every operation,
// and generated code samples. The build renders it, and the readers' test takes the words a search
// snippet may show from it, so neither restates what the other adds.
import { authenticationMarkdown, replaceSection } from "./authentication.mjs";
import { limitsMarkdown } from "./limits.mjs";
import { withCodeSamples } from "./code-samples.mjs";
import { withSoftBreaksJoined } from "./soft-breaks.mjs";

/** A copy of the spec whose operations each end with a link to the try-it console, on that operation. */
function withTryItLinks(document) {
  const paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, operation]) =>
          operation && typeof operation === "object" && operation.operationId
            ? [method, { ...operation, description: `${operation.description ?? ""}\n\n[Try it in the console](try.html#${operation.operationId})` }]
            : [method, operation],
        ),
      ),
    ]),
  );
  return { ...document, paths };
}

/** A copy of the spec whose landing page has the full Authentication and Limits and throttling sections. */
async function withFullSections(document) {
  const schemes = document.components?.securitySchemes ?? {};
  const iamToken = schemes.IamToken?.description;
  const akSk = schemes.AkSkSignature?.description;
  if (!iamToken || !akSk) throw new Error("The spec lost the IamToken or AkSkSignature security scheme's description.");
  const section = await authenticationMarkdown({ iamToken, akSk });
  const withAuthentication = replaceSection(document.info.description, "Authentication", section);
  const description = replaceSection(withAuthentication, "Limits and throttling", limitsMarkdown(document));
  return { ...document, info: { ...document.info, description } };
}

/** The document the reference page renders, built from the bundled spec `document`. */
export async function referenceDocument(document) {
  return withCodeSamples(withTryItLinks(withSoftBreaksJoined(await withFullSections(document))));
}
