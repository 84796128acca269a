package dev.facerec.core.usecase;

import static dev.facerec.core.usecase.Failures.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.facerec.core.FaceErrorCode;
import dev.facerec.core.access.Actor;
import dev.facerec.core.account.Role;
import dev.facerec.core.face.OperatingPoint;
import dev.facerec.core.gallery.Gallery;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.person.Person;
import dev.facerec.core.person.PersonQuery;
import dev.facerec.core.testing.FakePhoto;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule of restricted galleries, applied by each use case itself (so every front door gets it): a gallery that
 * names callers is for them and administrators only, with its persons, faces and identification in it, and the refusal
 * comes before any work; lists leave such a gallery out for everyone else.
 */
class RestrictedGalleriesTest {
    private static final Actor NAMED = new Actor("ana", Role.OPERATOR);
    private static final Actor NAMED_KEY = new Actor("key:frk_cam", Role.VIEWER);
    private static final Actor STRANGER = new Actor("bob", Role.OPERATOR);
    private static final Actor WITHOUT_ROLE = new Actor("external-subject", null);
    private static final Actor ADMIN = new Actor("root", Role.ADMIN);

    /** Galleries, persons and faces set up by an administrator; {@code board} names ana and one API key. */
    private static final class Fixture {
        final UseCases app = new UseCases();
        final Gallery board = app.galleries.create(ADMIN, "board");
        final Gallery staff = app.galleries.create(ADMIN, "staff");
        final Person colin = app.persons.create(ADMIN, new NewPerson(board.id(), "Colin", null, null));
        final EnrolledFace face = app.enroll.enroll(ADMIN, colin.id(), FakePhoto.portrait("colin"));

        Fixture() {
            app.fakes.accessLists.replace(board.id(), Set.of(NAMED.name(), NAMED_KEY.name()));
        }

        /** What a refused call must leave as it was. */
        List<Object> state() {
            return List.of(
                    app.fakes.galleries().findAll(),
                    app.fakes.persons().find(new PersonQuery(null, null, null, 0, 500)),
                    app.fakes.faces().findByPerson(colin.id()),
                    app.fakes.index.size(board.id(), app.fakes.embedder.model().id()));
        }
    }

    /** Every operation on the restricted gallery, its person or its face, by name. */
    static Stream<Arguments> operations() {
        List<Arguments> operations = new ArrayList<>();
        add(operations, "get gallery", (f, actor) -> f.app.galleries.get(actor, f.board.id()));
        add(operations, "count its faces", (f, actor) -> f.app.galleries.searchableFaces(actor, f.board.id()));
        add(operations, "set its retention", (f, actor) -> f.app.galleries.setRetention(actor, f.board.id(), 30));
        add(operations, "erase gallery", (f, actor) -> f.app.galleries.delete(actor, f.board.id()));
        add(
                operations,
                "identify",
                (f, actor) -> f.app.identify.identify(actor, f.board.id(), FakePhoto.portrait("colin"), 5, null));
        add(operations, "default threshold", (f, actor) -> f.app.identify.defaultThreshold(actor, f.board.id()));
        add(
                operations,
                "create person",
                (f, actor) -> f.app.persons.create(actor, new NewPerson(f.board.id(), "Dora", null, null)));
        add(
                operations,
                "list persons of the gallery",
                (f, actor) -> f.app.persons.list(actor, new PersonQuery(f.board.id(), null, null, 0, 10)));
        add(operations, "get person", (f, actor) -> f.app.persons.get(actor, f.colin.id()));
        add(
                operations,
                "update person",
                (f, actor) -> f.app.persons.update(actor, f.colin.id(), new PersonChanges("Colin P", null, null)));
        add(operations, "erase person", (f, actor) -> f.app.persons.delete(actor, f.colin.id()));
        add(
                operations,
                "enroll face",
                (f, actor) -> f.app.enroll.enroll(actor, f.colin.id(), FakePhoto.portrait("colin")));
        add(operations, "list faces", (f, actor) -> f.app.listFaces.list(actor, f.colin.id(), PageRequest.first()));
        add(
                operations,
                "list the gallery's faces",
                (f, actor) -> f.app.listFaces.listGallery(actor, f.board.id(), PageRequest.first()));
        add(operations, "get face image", (f, actor) -> f.app.faceImage.get(actor, f.colin.id(), f.face.id()));
        add(operations, "erase face", (f, actor) -> f.app.deleteFace.delete(actor, f.colin.id(), f.face.id()));
        add(
                operations,
                "verify person",
                (f, actor) ->
                        f.app.verify.verify(actor, f.colin.id(), FakePhoto.portrait("colin"), OperatingPoint.STANDARD));
        return operations.stream();
    }

    private static void add(List<Arguments> operations, String name, BiFunction<Fixture, Actor, Object> operation) {
        operations.add(Arguments.of(name, operation));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void isRefusedToCallersTheGalleryDoesNotNameAndChangesNothing(
            String name, BiFunction<Fixture, Actor, Object> operation) {
        for (Actor refused : List.of(STRANGER, WITHOUT_ROLE)) {
            Fixture fixture = new Fixture();
            List<Object> before = fixture.state();
            var failure = failsWith(FaceErrorCode.FORBIDDEN, () -> operation.apply(fixture, refused));
            assertThat(failure.getMessage()).contains(refused.name());
            assertThat(fixture.state()).as(name + " by " + refused.name()).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void isAllowedToTheCallersNamedAndToAdministrators(String name, BiFunction<Fixture, Actor, Object> operation) {
        for (Actor allowed : List.of(NAMED, NAMED_KEY, ADMIN, Actor.system())) {
            Fixture fixture = new Fixture();
            assertThatCode(() -> operation.apply(fixture, allowed))
                    .as(name + " by " + allowed.name())
                    .doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void anOpenGalleryIsForEveryCaller(String name, BiFunction<Fixture, Actor, Object> operation) {
        Fixture fixture = new Fixture();
        fixture.app.fakes.accessLists.replace(fixture.board.id(), Set.of());
        assertThatCode(() -> operation.apply(fixture, WITHOUT_ROLE)).as(name).doesNotThrowAnyException();
    }

    @Test
    void theRefusalComesBeforeAnyOtherCheck() {
        Fixture f = new Fixture();
        byte[] unreadable = {1, 2, 3};
        failsWith(FaceErrorCode.FORBIDDEN, () -> f.app.enroll.enroll(STRANGER, f.colin.id(), unreadable));
        failsWith(FaceErrorCode.FORBIDDEN, () -> f.app.identify.identify(STRANGER, f.board.id(), unreadable, 0, 7f));
        failsWith(
                FaceErrorCode.FORBIDDEN,
                () -> f.app.verify.verify(STRANGER, f.colin.id(), unreadable, OperatingPoint.STRICT));
        failsWith(FaceErrorCode.FORBIDDEN, () -> f.app.galleries.setRetention(STRANGER, f.board.id(), -1));
        failsWith(FaceErrorCode.FORBIDDEN, () -> f.app.deleteFace.delete(STRANGER, f.colin.id(), UUID.randomUUID()));
        failsWith(FaceErrorCode.FORBIDDEN, () -> f.app.faceImage.get(STRANGER, f.colin.id(), UUID.randomUUID()));
        failsWith(
                FaceErrorCode.FORBIDDEN,
                () -> f.app.persons.update(STRANGER, f.colin.id(), new PersonChanges("", null, null)));
        // What does not exist is answered as such: the rule has nothing to protect there.
        failsWith(FaceErrorCode.NOT_FOUND, () -> f.app.persons.get(STRANGER, UUID.randomUUID()));
        failsWith(FaceErrorCode.NOT_FOUND, () -> f.app.galleries.get(STRANGER, UUID.randomUUID()));
    }

    @Test
    void listsLeaveHiddenGalleriesOut() {
        Fixture f = new Fixture();
        assertThat(f.app.galleries.list(STRANGER)).containsExactly(f.staff);
        assertThat(f.app.galleries.list(STRANGER, PageRequest.first()).total()).isEqualTo(1);
        assertThat(f.app.galleries.list(NAMED)).containsExactly(f.board, f.staff);
        assertThat(f.app.galleries.list(ADMIN)).containsExactly(f.board, f.staff);

        PersonQuery everywhere = new PersonQuery(null, null, null, 0, 10);
        var refusal = failsWith(FaceErrorCode.INVALID_REQUEST, () -> f.app.persons.list(STRANGER, everywhere));
        assertThat(refusal.details()).containsEntry("field", "galleryId");
        assertThat(f.app.persons.list(NAMED, everywhere).items()).containsExactly(f.colin);
        assertThat(f.app.persons
                        .list(STRANGER, new PersonQuery(f.staff.id(), null, null, 0, 10))
                        .total())
                .isZero();
    }

    @Test
    void onlyAdministratorsReadAndChangeWhoMayUseAGallery() {
        Fixture f = new Fixture();
        ManageGalleryAccess lists =
                new ManageGalleryAccess(f.app.fakes.galleryAccess(), f.app.fakes.galleries(), f.app.fakes.accessLists);
        for (Actor notAdministrator : List.of(NAMED, STRANGER, WITHOUT_ROLE)) {
            failsWith(FaceErrorCode.FORBIDDEN, () -> lists.principals(notAdministrator, f.board.id()));
            failsWith(FaceErrorCode.FORBIDDEN, () -> lists.replace(notAdministrator, f.board.id(), List.of("bob")));
        }
        assertThat(lists.principals(ADMIN, f.board.id())).containsExactly("ana", "key:frk_cam");

        assertThat(lists.replace(ADMIN, f.board.id(), List.of(" zoe ", "bob", "bob")))
                .containsExactly("bob", "zoe");
        assertThat(f.app.galleries.get(STRANGER, f.board.id())).isEqualTo(f.board);
        failsWith(FaceErrorCode.FORBIDDEN, () -> f.app.galleries.get(NAMED, f.board.id()));

        for (List<String> bad : List.of(List.of(" "), List.of("a\u0000b"), List.of("x".repeat(201)))) {
            var refusal = failsWith(FaceErrorCode.INVALID_REQUEST, () -> lists.replace(ADMIN, f.board.id(), bad));
            assertThat(refusal.details()).containsEntry("field", "principals");
        }
        List<String> tooMany = Stream.iterate(0, i -> i + 1)
                .limit(ManageGalleryAccess.MAX_PRINCIPALS + 1)
                .map(i -> "user-" + i)
                .toList();
        failsWith(FaceErrorCode.INVALID_REQUEST, () -> lists.replace(ADMIN, f.board.id(), tooMany));
        failsWith(FaceErrorCode.NOT_FOUND, () -> lists.principals(ADMIN, UUID.randomUUID()));
        assertThat(lists.principals(ADMIN, f.board.id()))
                .as("refused lists change nothing")
                .containsExactly("bob", "zoe");

        assertThat(lists.replace(ADMIN, f.board.id(), List.of())).isEmpty();
        assertThat(f.app.galleries.get(NAMED, f.board.id()))
                .as("an empty list opens the gallery")
                .isEqualTo(f.board);
    }

    /**
     * Every public operation of the use cases that touch a gallery, its persons or its faces takes the caller first, so
     * that none can be called without the rule: a new operation without one fails here.
     */
    @Test
    void everyGalleryOperationTakesTheCallerFirst() {
        List<String> missing = new ArrayList<>();
        for (Class<?> useCase : List.of(
                ManageGalleries.class,
                ManageGalleryAccess.class,
                ManagePersons.class,
                EnrollFace.class,
                IdentifyFaces.class,
                VerifyPerson.class,
                ListFaces.class,
                DeleteFace.class,
                FaceImage.class)) {
            Arrays.stream(useCase.getDeclaredMethods())
                    .filter(method -> Modifier.isPublic(method.getModifiers()))
                    .filter(method -> !Modifier.isStatic(method.getModifiers()))
                    .filter(method -> !isGalleryFree(method))
                    .filter(method -> method.getParameterCount() == 0 || method.getParameterTypes()[0] != Actor.class)
                    .forEach(method -> missing.add(useCase.getSimpleName() + "." + method.getName()));
        }
        assertThat(missing).as("gallery operations without the caller").isEmpty();
    }

    /**
     * The model's margin below the threshold is the same for every gallery; preparing a face for enrolment (decoding,
     * detection, embedding) reads and writes no gallery: {@link EnrollFace#commit}, which stores it, takes the caller.
     */
    private static boolean isGalleryFree(Method method) {
        return (method.getDeclaringClass() == IdentifyFaces.class
                        && method.getName().equals("nearMargin"))
                || (method.getDeclaringClass() == EnrollFace.class
                        && method.getName().equals("prepare"));
    }
}
