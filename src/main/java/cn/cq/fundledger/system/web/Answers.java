package cn.cq.fundledger.system.web;

import cn.cq.fundledger.core.Recorded;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** How a recorded command answers: 201 Created for a new fact, 200 OK for the same fact sent again. */
public final class Answers {

    private Answers() {
    }

    public static ResponseEntity<Recorded> recorded(Recorded recorded, String location) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(recorded.duplicate() ? HttpStatus.OK : HttpStatus.CREATED);
        if (location != null) {
            builder.location(URI.create(location));
        }
        return builder.body(recorded);
    }
}
