package dev.facerec.api.compat;

import static java.util.Objects.requireNonNull;

import dev.facerec.core.access.Actor;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.usecase.DeleteFace;
import dev.facerec.core.usecase.EnrollFace;
import dev.facerec.core.usecase.FaceImage;
import dev.facerec.core.usecase.ListFaces;
import dev.facerec.core.usecase.ManagePersons;
import dev.facerec.core.usecase.NewPerson;
import dev.facerec.core.usecase.PersonChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * A CompreFace face collection over a gallery: subjects are its persons, found by name in any case as CompreFace
 * finds them, and examples its faces. Only the gallery's own use cases are called, so enrolment, erasure, events for
 * the other replicas and the index are exactly those of the REST API.
 */
@Component
class FaceCollection {
    private final ManagePersons persons;
    private final ListFaces faces;
    private final EnrollFace enroll;
    private final DeleteFace deleteFace;
    private final FaceImage images;
    /**
     * One creation of a subject at a time per gallery and name in this replica, so that two examples added at once
     * for a new subject make one person. (Across replicas two may still be made; the subject then lists twice.)
     */
    private final Object[] creating = new Object[64];

    FaceCollection(ManagePersons persons, ListFaces faces, EnrollFace enroll, DeleteFace deleteFace, FaceImage images) {
        this.persons = requireNonNull(persons, "persons is null");
        this.faces = requireNonNull(faces, "faces is null");
        this.enroll = requireNonNull(enroll, "enroll is null");
        this.deleteFace = requireNonNull(deleteFace, "deleteFace is null");
        this.images = requireNonNull(images, "images is null");
        for (int i = 0; i < creating.length; i++) {
            creating[i] = new Object();
        }
    }

    /**
     * The face collection of a recognition call: the gallery the caller's key is bound to, with the caller, whom every
     * use case called here checks against the gallery's access list.
     */
    Of of(CompreFaceCaller caller) {
        return new Of(caller.actor(), caller.collection());
    }

    /** A caller's face collection. */
    record Of(Actor actor, UUID gallery) {}

    /** Every subject of the gallery, in the gallery's order (by name). */
    List<Person> subjects(Of c) {
        return collect(c, null);
    }

    /** The subject with this name in any case, as CompreFace matches names. */
    Optional<Person> find(Of c, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return collect(c, name).stream()
                .filter(person -> person.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /** The subject with this name exactly, as CompreFace's list of examples filters them. */
    Optional<Person> findExactly(Of c, String name) {
        return collect(c, name).stream()
                .filter(person -> person.name().equals(name))
                .findFirst();
    }

    /** @return empty when a subject of that name (in any case) exists already */
    Optional<Person> create(Of c, String name) {
        return locked(
                c.gallery(),
                name,
                () -> find(c, name).isPresent()
                        ? Optional.empty()
                        : Optional.of(persons.create(c.actor(), new NewPerson(c.gallery(), name, null, null))));
    }

    /** The subject of that name, made now if there is none; {@code created} says which. */
    Subject findOrCreate(Of c, String name) {
        return locked(
                c.gallery(),
                name,
                () -> find(c, name)
                        .map(person -> new Subject(person, false))
                        .orElseGet(() -> new Subject(
                                persons.create(c.actor(), new NewPerson(c.gallery(), name, null, null)), true)));
    }

    record Subject(Person person, boolean created) {}

    /** Enrols the photo as an example of the person. */
    EnrolledFace addExample(Of c, Person person, byte[] photo) {
        return enroll.enroll(c.actor(), person.id(), photo);
    }

    /** Erases the subject with its examples and their images; the number of examples erased. */
    int delete(Of c, Person person) {
        return persons.delete(c.actor(), person.id()).faces();
    }

    void rename(Of c, Person person, String name) {
        persons.update(c.actor(), person.id(), new PersonChanges(name, null, null));
    }

    /**
     * Moves every example of {@code from} to {@code into}, then erases {@code from}: each stored photo is enrolled
     * again for {@code into} (the same face, by its box), so the examples get new ids, as CompreFace's merge keeps
     * its embeddings' ids but facerec's faces belong to one person for life.
     */
    void merge(Of c, Person from, Person into) {
        for (EnrolledFace face : all(c, from)) {
            FaceImage.StoredImage image = images.get(c.actor(), from.id(), face.id());
            enroll.enroll(
                    c.actor(), into.id(), image.bytes(), Optional.of(face.face().box()));
        }
        persons.delete(c.actor(), from.id());
    }

    /** Every example of the person, oldest first. */
    List<EnrolledFace> all(Of c, Person person) {
        return everyPage(number -> faces.list(c.actor(), person.id(), new PageRequest(number, PageRequest.MAX_SIZE)));
    }

    Page<EnrolledFace> examples(Of c, PageRequest page) {
        return faces.listGallery(c.actor(), c.gallery(), page);
    }

    Page<EnrolledFace> examples(Of c, Person person, PageRequest page) {
        return faces.list(c.actor(), person.id(), page);
    }

    /** The example with this id if it is in the gallery. */
    Optional<EnrolledFace> example(Of c, UUID imageId) {
        return faces.find(c.actor(), c.gallery(), imageId);
    }

    Person person(Of c, UUID id) {
        return persons.get(c.actor(), id);
    }

    void deleteExample(Of c, EnrolledFace face) {
        deleteFace.delete(c.actor(), face.personId(), face.id());
    }

    FaceImage.StoredImage image(Of c, EnrolledFace face) {
        return images.get(c.actor(), face.personId(), face.id());
    }

    private List<Person> collect(Of c, String nameContains) {
        return everyPage(number -> persons.list(
                c.actor(), new PersonQuery(c.gallery(), nameContains, null, number, PersonQuery.MAX_PAGE_SIZE)));
    }

    /** The items of every page {@code pages} answers, from page 0 until the total is reached or a page is empty. */
    private static <T> List<T> everyPage(IntFunction<Page<T>> pages) {
        List<T> all = new ArrayList<>();
        Page<T> page;
        int number = 0;
        do {
            page = pages.apply(number++);
            all.addAll(page.items());
        } while (!page.items().isEmpty() && all.size() < page.total());
        return all;
    }

    private <T> T locked(UUID gallery, String name, Supplier<T> work) {
        int stripe = Math.floorMod((gallery + "/" + name.toLowerCase(Locale.ROOT)).hashCode(), creating.length);
        synchronized (creating[stripe]) {
            return work.get();
        }
    }
}
