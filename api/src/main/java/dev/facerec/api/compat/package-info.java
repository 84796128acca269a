/**
 * The CompreFace-compatible front door: CompreFace's REST API on its own paths ({@code /api/v1/recognition},
 * {@code /api/v1/detection}, {@code /api/v1/verification}), with its request and response shapes and its error body
 * {@code {"message", "code"}}, so that clients written for CompreFace (Double Take, Home Assistant, Viseron, its SDKs)
 * work by changing one URL. DTOs and routes only: every call maps onto the same use cases as the REST API, under the
 * same key check, rate limits, audit record and gallery access.
 *
 * <p>A CompreFace recognition service is a face collection; here it is the gallery the API key is bound to ({@code
 * POST /api/v1/api-keys} with {@code galleryId}): subjects are its persons, by name, and examples its faces. See
 * {@code docs/compreface.md}.
 */
package dev.facerec.api.compat;
