package dev.facerec.core.event;

/** What happened to a gallery or a person. */
public enum ChangeKind {
    CREATED,
    /** A field changed (a name, metadata, a retention period); its faces are reported on their own. */
    UPDATED,
    /** Gone with everything in it; the faces it held are reported as {@link FacesErased} before it. */
    ERASED
}
