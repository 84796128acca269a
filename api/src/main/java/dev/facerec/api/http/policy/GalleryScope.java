package dev.facerec.api.http.policy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where the request names the gallery it touches, so that the gallery's access list ({@code GalleryGuard}) is checked
 * before the handler runs: a restricted gallery, its persons and faces are for the callers it names and
 * administrators only.
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
         * The handler checks the gallery itself: it is in the JSON body, or optional and the handler filters what
         * the caller may not see.
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
