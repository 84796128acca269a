package dev.facerec.api.compat;

import static dev.facerec.api.http.policy.Access.Level.OPERATOR;
import static dev.facerec.api.http.policy.Access.Level.VIEWER;
import static dev.facerec.api.http.policy.GalleryScope.Source.CHECKED_BY_HANDLER;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.facerec.api.http.policy.Access;
import dev.facerec.api.http.policy.Audited;
import dev.facerec.api.http.policy.GalleryScope;
import dev.facerec.api.http.policy.NotIdempotent;
import dev.facerec.core.person.EnrolledFace;
import dev.facerec.core.person.Page;
import dev.facerec.core.person.PageRequest;
import dev.facerec.core.person.Person;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * CompreFace's face collection: a subject's examples are the faces enrolled for its person; {@code image_id} is the
 * face's id.
 */
@RestController
@RequestMapping(CompreFacePaths.RECOGNITION + "/faces")
class ExampleController {
    /** CompreFace's default page size of the list of examples. */
    static final int DEFAULT_PAGE_SIZE = 20;

    private final FaceCollection collection;

    ExampleController(FaceCollection collection) {
        this.collection = requireNonNull(collection, "collection is null");
    }

    record Example(@JsonProperty("image_id") UUID imageId, String subject) {}

    /**
     * Enrols the photo as an example of {@code subject}, made now if there is none (and erased again if the photo is
     * refused). The photo must hold one face, or one clearly in front of small background faces.
     */
    @Access(OPERATOR)
    @Audited("compreface.example.add")
    @NotIdempotent("CompreFace's clients send no Idempotency-Key; each call adds an example, as CompreFace does")
    @GalleryScope(CHECKED_BY_HANDLER)
    @PostMapping({"", "/"})
    ResponseEntity<Example> add(HttpServletRequest request) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        Map<String, String> parameters = FaceOptions.parameters(request);
        String subject = parameters.get("subject");
        if (subject == null) {
            if (request.getParameter("subject") != null) {
                throw CompreFaceException.invalid("Subject name is empty; ");
            }
            throw CompreFaceException.missingParameter("subject");
        }
        if (subject.isBlank()) {
            throw CompreFaceException.invalid("Subject name is empty; ");
        }
        FaceOptions options = FaceOptions.of(parameters);
        byte[] photo = new ImageInput(request).image("file", "content");
        FaceCollection.Subject made = collection.findOrCreate(c, subject);
        EnrolledFace face;
        try {
            face = collection.addExample(c, made.person(), photo);
            if (!options.keeps(face.face().score())) {
                collection.deleteExample(c, face);
                throw CompreFaceException.noFace();
            }
        } catch (RuntimeException refused) {
            if (made.created()) {
                collection.delete(c, made.person());
            }
            throw refused;
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new Example(face.id(), subject));
    }

    record ExamplePage(
            List<Example> faces,
            @JsonProperty("total_pages") long totalPages,
            @JsonProperty("total_elements") long totalElements,
            @JsonProperty("page_number") int pageNumber,
            @JsonProperty("page_size") int pageSize) {}

    /** One page of the examples, oldest first; with {@code subject}, only that subject's (its exact name). */
    @Access(VIEWER)
    @Audited("compreface.example.list")
    @NotIdempotent("reads only")
    @GalleryScope(CHECKED_BY_HANDLER)
    @GetMapping({"", "/"})
    ExamplePage list(HttpServletRequest request) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        Map<String, String> parameters = FaceOptions.parameters(request);
        int number = FaceOptions.whole(parameters, "page", 0);
        int size = FaceOptions.whole(parameters, "size", DEFAULT_PAGE_SIZE);
        if (number < 0 || size < 1) {
            throw CompreFaceException.invalid("page must be 0 or more and size 1 or more; ");
        }
        PageRequest page = new PageRequest(number, Math.min(size, PageRequest.MAX_SIZE));
        String subject = parameters.get("subject");
        Page<EnrolledFace> found;
        Map<UUID, String> names = new HashMap<>();
        if (subject == null) {
            found = collection.examples(c, page);
        } else {
            Optional<Person> person = collection.findExactly(c, subject);
            person.ifPresent(p -> names.put(p.id(), p.name()));
            found = person.map(p -> collection.examples(c, p, page))
                    .orElseGet(() -> new Page<>(List.of(), number, page.size(), 0));
        }
        List<Example> examples = new ArrayList<>();
        for (EnrolledFace face : found.items()) {
            examples.add(new Example(
                    face.id(),
                    names.computeIfAbsent(
                            face.personId(), id -> collection.person(c, id).name())));
        }
        long pages = (found.total() + page.size() - 1) / page.size();
        return new ExamplePage(examples, pages, found.total(), number, page.size());
    }

    /**
     * With {@code subject}: erases the subject and its examples. Without: erases every subject and example of the
     * collection, as CompreFace does. Answers how many examples went.
     */
    @Access(OPERATOR)
    @Audited("compreface.example.delete-all")
    @NotIdempotent("deleting twice leaves the same nothing and answers deleted 0")
    @GalleryScope(CHECKED_BY_HANDLER)
    @DeleteMapping({"", "/"})
    Map<String, Integer> deleteAll(HttpServletRequest request) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        String subject = FaceOptions.parameters(request).get("subject");
        if (subject == null && request.getParameter("subject") != null) {
            throw CompreFaceException.invalid("Subject name is empty; ");
        }
        int deleted = 0;
        List<Person> subjects = subject == null
                ? collection.subjects(c)
                : collection.find(c, subject).stream().toList();
        for (Person person : subjects) {
            deleted += collection.delete(c, person);
        }
        return Map.of("deleted", deleted);
    }

    @Access(OPERATOR)
    @Audited("compreface.example.delete")
    @NotIdempotent("a repeated delete finds nothing and answers 404 code 44, as CompreFace does")
    @GalleryScope(CHECKED_BY_HANDLER)
    @DeleteMapping("/{imageId}")
    Example delete(@PathVariable UUID imageId) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        EnrolledFace face =
                collection.example(c, imageId).orElseThrow(() -> CompreFaceException.imageNotFound(imageId));
        String subject = collection.person(c, face.personId()).name();
        collection.deleteExample(c, face);
        return new Example(face.id(), subject);
    }

    /** Erases the examples named in a JSON array of ids; ids not in the collection are skipped. */
    @Access(OPERATOR)
    @Audited("compreface.example.delete-several")
    @NotIdempotent("a repeated delete skips what is gone and answers the rest")
    @GalleryScope(CHECKED_BY_HANDLER)
    @PostMapping("/delete")
    List<Example> deleteSeveral(HttpServletRequest request) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        JsonNode ids = new ImageInput(request).json();
        if (!ids.isArray()) {
            throw CompreFaceException.invalid("The body must be a JSON array of image ids; ");
        }
        // Every id is read before anything is erased, so a malformed one erases nothing.
        List<UUID> imageIds = new ArrayList<>();
        for (JsonNode id : ids) {
            try {
                imageIds.add(UUID.fromString(id.asString("")));
            } catch (IllegalArgumentException e) {
                // As CompreFace, which reads the body as a list of UUIDs.
                throw CompreFaceException.invalid(id + " is not an image id; the body is a JSON array of image ids; ");
            }
        }
        List<Example> deleted = new ArrayList<>();
        for (UUID imageId : imageIds) {
            Optional<EnrolledFace> face = collection.example(c, imageId);
            if (face.isPresent()) {
                String subject = collection.person(c, face.get().personId()).name();
                collection.deleteExample(c, face.get());
                deleted.add(new Example(imageId, subject));
            }
        }
        return deleted;
    }

    /**
     * The example's stored photo. An unknown id answers 200 with an empty body, as CompreFace does. Never cached by
     * the browser or a proxy: it is a photo of a person's face.
     */
    @Access(OPERATOR)
    @Audited("compreface.example.image")
    @NotIdempotent("reads only")
    @GalleryScope(CHECKED_BY_HANDLER)
    @GetMapping("/{imageId}/img")
    ResponseEntity<byte[]> image(@PathVariable UUID imageId) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        byte[] bytes = collection
                .example(c, imageId)
                .map(face -> collection.image(c, face).bytes())
                .orElse(new byte[0]);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(CacheControl.noStore())
                .body(bytes);
    }
}
