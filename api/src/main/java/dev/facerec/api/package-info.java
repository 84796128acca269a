/**
 * The facerec service, grouped by front door so that each is found at a glance.
 *
 * <ul>
 *   <li>{@code rest}: the REST API, one package per resource with its routes and DTOs ({@code /api/v1}, the
 *       {@code /metrics} text and the API description in {@code rest.openapi}).
 *   <li>{@code console}: the web console, served at {@code /} under its own security chain.
 *   <li>{@code http}: what every front door shares: security, the endpoint policies, the one error path (problem
 *       bodies), idempotency, audit, load shedding and upload limits.
 *   <li>{@code app}: the wiring: settings, engine, storage and persistence, cache, events, replica sync, health
 *       probes, metrics, privacy jobs and start-up.
 * </ul>
 *
 * The CompreFace-compatible API, when it comes, is a third front door beside {@code rest}, in {@code compat}: its
 * DTOs and routes only, mapped onto the same use cases, with the policies of {@code http.policy} on its handlers.
 * ArchitectureTest holds this shape: front doors depend on neither each other nor an adapter module, and neither
 * {@code http} nor {@code app} depends on a front door.
 */
package dev.facerec.api;
