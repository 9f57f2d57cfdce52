package cn.cq.fundledger.system.web;

import cn.cq.fundledger.core.Recorded;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/** How a recorded command answers: 201 Created for a new fact, 200 OK for the same fact sent again. */
public final class Answers {

    private Answers() {
    }

    /**
     * The answer, with the fact's location: {@code location} is a template whose {@code {…}} variables take
     * {@code ids} in order, each encoded as a path segment. An id is the caller's text: a space, a quote or a slash in
     * it must not make the location an invalid URI (and the recorded fact a 500).
     */
    public static ResponseEntity<Recorded> recorded(Recorded recorded, String location, Object... ids) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(recorded.duplicate() ? HttpStatus.OK : HttpStatus.CREATED);
        if (location != null) {
            builder.location(UriComponentsBuilder.fromUriString(location).encode().buildAndExpand(ids).toUri());
        }
        return builder.body(recorded);
    }
}
