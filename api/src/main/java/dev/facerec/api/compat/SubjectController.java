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
import dev.facerec.core.person.Person;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** CompreFace's subjects: the persons of the key's face collection, by name. */
@RestController
@RequestMapping(CompreFacePaths.RECOGNITION + "/subjects")
class SubjectController {
    /** CompreFace's rules for a subject's name. */
    static final int MAX_NAME_LENGTH = 50;

    private final FaceCollection collection;

    SubjectController(FaceCollection collection) {
        this.collection = requireNonNull(collection, "collection is null");
    }

    @Access(OPERATOR)
    @Audited("compreface.subject.create")
    @NotIdempotent("CompreFace's clients send no Idempotency-Key; a repeated create answers 'Subject already exists'")
    @GalleryScope(CHECKED_BY_HANDLER)
    @PostMapping({"", "/"})
    ResponseEntity<Map<String, String>> create(HttpServletRequest request) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        String name = validName(new ImageInput(request).body().get("subject"));
        collection.create(c, name).orElseThrow(CompreFaceException::subjectExists);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("subject", name));
    }

    @Access(VIEWER)
    @Audited("compreface.subject.list")
    @NotIdempotent("reads only")
    @GalleryScope(CHECKED_BY_HANDLER)
    @GetMapping({"", "/"})
    Map<String, List<String>> list() {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        return Map.of(
                "subjects", collection.subjects(c).stream().map(Person::name).toList());
    }

    /**
     * Renames the subject; onto an existing subject's name, merges it into that one (its examples are enrolled
     * again there, from their stored photos). {@code updated} is false for an empty or unchanged name.
     */
    @Access(OPERATOR)
    @Audited("compreface.subject.rename")
    @NotIdempotent("a repeated rename finds nothing to rename and answers 404 code 42, as CompreFace does")
    @GalleryScope(CHECKED_BY_HANDLER)
    @PutMapping("/{subject}")
    Updated rename(@PathVariable String subject, HttpServletRequest request) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        JsonNode newName = new ImageInput(request).body().get("subject");
        Person from = collection.find(c, subject).orElseThrow(() -> CompreFaceException.subjectNotFound(subject));
        String name = newName == null || newName.isNull() ? "" : newName.asString("");
        if (name.isEmpty() || name.equals(subject)) {
            return new Updated(false);
        }
        validName(newName);
        var into = collection.find(c, name);
        if (into.isPresent() && !into.get().id().equals(from.id())) {
            collection.merge(c, from, into.get());
        } else {
            collection.rename(c, from, name);
        }
        return new Updated(true);
    }

    record Updated(@JsonProperty("updated") boolean updated) {}

    @Access(OPERATOR)
    @Audited("compreface.subject.delete")
    @NotIdempotent("a repeated delete finds nothing and answers 404 code 42, as CompreFace does")
    @GalleryScope(CHECKED_BY_HANDLER)
    @DeleteMapping("/{subject}")
    Map<String, String> delete(@PathVariable String subject) {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        Person person = collection.find(c, subject).orElseThrow(() -> CompreFaceException.subjectNotFound(subject));
        collection.delete(c, person);
        return Map.of("subject", person.name());
    }

    @Access(OPERATOR)
    @Audited("compreface.subject.delete-all")
    @NotIdempotent("deleting everything twice leaves the same nothing")
    @GalleryScope(CHECKED_BY_HANDLER)
    @DeleteMapping({"", "/"})
    Map<String, Integer> deleteAll() {
        FaceCollection.Of c = collection.of(CompreFaceCaller.current());
        int deleted = 0;
        for (Person person : collection.subjects(c)) {
            collection.delete(c, person);
            deleted++;
        }
        return Map.of("deleted", deleted);
    }

    /** CompreFace's checks of a new subject's name, with its codes (26, 36). */
    static String validName(JsonNode value) {
        String name = value == null || value.isNull() ? "" : value.asString("");
        return validName(name);
    }

    static String validName(String name) {
        if (name.isBlank()) {
            throw CompreFaceException.invalid("Subject name cannot be empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw CompreFaceException.invalid("Subject name size must be between 1 and " + MAX_NAME_LENGTH);
        }
        if (name.chars().anyMatch(c -> c == ';' || c == '/' || c == '\\')) {
            throw new CompreFaceException(
                    HttpStatus.BAD_REQUEST,
                    36,
                    "The name cannot contain the following special characters: ';', '/', '\\'");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw CompreFaceException.invalid("Subject name must not hold control characters");
        }
        return name;
    }
}
