/**
 * The policies of each endpoint, declared once on its handler method (or its controller class): who may call it
 * ({@link dev.facerec.api.http.policy.Access}), the audit action it records ({@link dev.facerec.api.http.policy.Audited} or
 * {@link dev.facerec.api.http.policy.NotAudited}), whether it takes an {@code Idempotency-Key}
 * ({@link dev.facerec.api.http.policy.Idempotent} or {@link dev.facerec.api.http.policy.NotIdempotent}) and where it names its
 * gallery ({@link dev.facerec.api.http.policy.GalleryScope}).
 *
 * <p>The machinery reads them from the handler Spring MVC maps the request to: the security chain builds its URL rules
 * from {@link dev.facerec.api.http.policy.Access} at start-up; the audit filter and the idempotency filter read theirs
 * per request ({@link dev.facerec.api.http.policy.Policies}). {@link dev.facerec.api.http.policy.GalleryScope} is a
 * declaration only: the use case the handler calls applies the rule of restricted galleries to the caller, for every
 * front door alike. A handler without
 * {@code @Access} needs ADMIN, and {@code SecurityEndToEndIT} and {@code ArchitectureTest} fail on any handler that
 * lacks one of its decisions, so adding an endpoint is one edit: its annotations.
 */
package dev.facerec.api.http.policy;
