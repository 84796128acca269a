package dev.facerec.api.http.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where the request names the gallery it touches: a restricted gallery, its persons and faces are for the callers it
 * names and administrators only. The rule itself is applied by the use case the handler calls, which takes the caller
 * ({@code Caller.currentActor()}) and checks {@code dev.facerec.core.access.GalleryAccess} before any work, so that the
 * console, the CompreFace-compatible API and jobs get it too. This declaration tells a reader (and the test that walks
 * every handler) which gallery that is; it changes nothing at run time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface GalleryScope {
    Source value();

    /** The path variable or request parameter that holds the id; only for the sources that read one. */
    String name() default "";

    enum Source {
        /** A gallery id in the path variable {@link #name()}. */
        GALLERY_IN_PATH,
        /** A person id in the path variable {@link #name()}: the person's gallery is checked. */
        PERSON_IN_PATH,
        /** A gallery id in the query or form parameter {@link #name()}. */
        GALLERY_IN_PARAMETER,
        /**
         * The gallery is in the JSON body, or optional: the use case checks it, or leaves what the caller may not see
         * out of its list.
         */
        CHECKED_BY_HANDLER,
        /** The endpoint touches no gallery. */
        NONE;

        /** Whether the source reads an id by {@link #name()}. */
        public boolean named() {
            return this == GALLERY_IN_PATH || this == PERSON_IN_PATH || this == GALLERY_IN_PARAMETER;
        }
    }
}
