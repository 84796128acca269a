package dev.facerec.core.usecase;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.FaceException;
import dev.facerec.core.access.Actor;
import dev.facerec.core.access.GalleryAccess;
import dev.facerec.core.gallery.GalleryAccessRepository;
import dev.facerec.core.gallery.GalleryRepository;
import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Who may use a gallery: reads and replaces its access list, for administrators only ({@link
 * GalleryAccess#checkAdministrator}). Callers are named by user name, {@code key:<prefix>} for API keys, or the subject
 * name of external tokens; an empty list opens the gallery to every role again. Lists are read on every call, so a
 * change takes effect at once on every replica.
 */
public final class ManageGalleryAccess {
    /** The most callers one gallery names. */
    public static final int MAX_PRINCIPALS = 1000;

    /** The longest name of a caller on a list. */
    public static final int MAX_PRINCIPAL_LENGTH = 200;

    private final GalleryAccess access;
    private final GalleryRepository galleries;
    private final GalleryAccessRepository lists;

    public ManageGalleryAccess(GalleryAccess access, GalleryRepository galleries, GalleryAccessRepository lists) {
        this.access = requireNonNull(access, "access is null");
        this.galleries = requireNonNull(galleries, "galleries is null");
        this.lists = requireNonNull(lists, "lists is null");
    }

    /**
     * The callers named for the gallery, in order; empty when it is open.
     *
     * @throws FaceException {@code FORBIDDEN} unless {@code actor} is an administrator, {@code NOT_FOUND}
     */
    public SortedSet<String> principals(Actor actor, UUID galleryId) {
        existing(actor, galleryId);
        return new TreeSet<>(lists.principals(galleryId));
    }

    /**
     * Replaces the list with {@code principals}, each stripped of surrounding blanks; duplicates count once.
     *
     * @return the callers now named, in order
     * @throws FaceException {@code FORBIDDEN} unless {@code actor} is an administrator, {@code NOT_FOUND}, then
     *     {@code INVALID_REQUEST} (field {@code principals}) for a blank, over-long or unprintable name, or more than
     *     {@value #MAX_PRINCIPALS} names
     */
    public SortedSet<String> replace(Actor actor, UUID galleryId, Collection<String> principals) {
        requireNonNull(principals, "principals is null");
        existing(actor, galleryId);
        SortedSet<String> named = new TreeSet<>();
        for (String principal : principals) {
            String name = principal == null ? "" : principal.strip();
            if (name.isEmpty()
                    || name.length() > MAX_PRINCIPAL_LENGTH
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw invalid("Each principal is a user name, key:<prefix> or an external subject of 1 to "
                        + MAX_PRINCIPAL_LENGTH + " printable characters.");
            }
            named.add(name);
        }
        if (named.size() > MAX_PRINCIPALS) {
            throw invalid("At most " + MAX_PRINCIPALS + " principals per gallery.");
        }
        lists.replace(galleryId, named);
        return named;
    }

    private void existing(Actor actor, UUID galleryId) {
        access.checkAdministrator(actor);
        galleries.find(requireNonNull(galleryId, "galleryId is null")).orElseThrow(() -> NotFound.gallery(galleryId));
    }

    private static FaceException invalid(String message) {
        return new FaceException(FaceErrorCode.INVALID_REQUEST, message, Map.of("field", "principals"));
    }
}
