package cn.cq.fundledger.system;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.RuleViolation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal reaches the caller as {@code application/problem+json}: a title, a sentence, and the
 * field and rule at fault ({@code field}, {@code rule}, and {@code errors} listing all of them).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final String PROJECTION_HALTED = "projection-halted";
    static final long RETRY_AFTER_SECONDS = 60;


    @ExceptionHandler(RuleViolation.class)
    public ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation) {
        return respond(statusOf(violation.kind()), titleOf(violation.kind()), List.of(violation));
    }

    /** Several problems of one request: 400, unless every one is of the same other kind (e.g. all refused: 422). */
    @ExceptionHandler(Input.InvalidInput.class)
    public ResponseEntity<ProblemDetail> invalidInput(Input.InvalidInput invalid) {
        java.util.Set<RuleViolation.Kind> kinds = invalid.problems().stream().map(RuleViolation::kind)
                .collect(java.util.stream.Collectors.toSet());
        if (kinds.size() == 1 && !kinds.contains(RuleViolation.Kind.INVALID)) {
            RuleViolation.Kind kind = kinds.iterator().next();
            return respond(statusOf(kind), titleOf(kind), invalid.problems());
        }
        return respond(HttpStatus.BAD_REQUEST, "Invalid request", invalid.problems());
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuleViolation violation) {
            return ruleViolation(violation);
        }
        if (cause instanceof Input.InvalidInput invalid) {
            return invalidInput(invalid);
        }
        if (cause instanceof WriteGate.Busy busy) {
            return busy(busy);
        }
        log.error("Command failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The command could not be completed; nothing was recorded.");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    @ExceptionHandler(ConcurrencyException.class)
    public ResponseEntity<ProblemDetail> concurrency(ConcurrencyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Another node recorded a fact of the same program at the same moment; nothing was recorded. "
                        + "Send the command again.");
        problem.setTitle("Concurrent change");
        problem.setProperty("rule", "concurrent-change");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /**
     * A read whose projection is halted: 503 naming the processor and the event it cannot take in. {@code field} is
     * null (nothing the caller sent is at fault); {@code processor} names the projection. {@code Retry-After} is the
     * longest pause between the processor's own attempts.
     */
    @ExceptionHandler(ProjectionHalted.class)
    public ResponseEntity<ProblemDetail> projectionHalted(ProjectionHalted halted) {
        Halts.Halt first = halted.halts().get(0);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, halted.getMessage());
        problem.setTitle("Projection halted");
        problem.setType(URI.create("urn:fund-ledger:problem:" + PROJECTION_HALTED));
        problem.setProperty("field", null);
        problem.setProperty("rule", PROJECTION_HALTED);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("field", null);
        error.put("rule", PROJECTION_HALTED);
        error.put("message", halted.getMessage());
        problem.setProperty("errors", List.of(error));
        describeHalt(first).forEach(problem::setProperty);
        problem.setProperty("halted", halted.halts().stream().map(ProblemHandler::describeHalt).toList());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .header("X-Ledger-Consistent", "false")
                .body(problem);
    }

    private static Map<String, Object> describeHalt(Halts.Halt halt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("processor", halt.processor());
        fields.put("segment", halt.segment());
        fields.put("eventPosition", halt.eventPosition());
        fields.put("eventId", halt.eventId());
        fields.put("eventType", halt.eventType());
        fields.put("error", halt.message());
        fields.put("since", halt.firstSeen());
        fields.put("attempts", halt.attempts());
        return fields;
    }

    /**
     * A body that is not the JSON object the endpoint takes. The answer names the field whose value has the wrong JSON
     * type ({@code principal}, {@code replacement.amount}), else the body; it never repeats the parser's own message,
     * which names Java types and classes of the ledger.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.BodyTooLarge tooLarge) {
                return widen(respond(HttpStatus.PAYLOAD_TOO_LARGE, "Too large", List.of(RuleViolation.invalid("body",
                        "too-large", tooLarge.getMessage()))));
            }
        }
        return widen(respond(HttpStatus.BAD_REQUEST, "Invalid request", List.of(unreadable(e))));
    }

    private static RuleViolation unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return RuleViolation.invalid(field, "unknown-field", "'" + field + "' is not a field of this request");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                && mapping.getCause() instanceof JsonParseException) {
            String field = path(mapping);
            return RuleViolation.invalid(field, "json", field + ": the text is not valid JSON in UTF-8 (or in the "
                    + "charset the Content-Type names)");
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return RuleViolation.invalid(field, "json", field + ": " + shapeOf(mapping)
                    + " where the field takes one value, written as text");
        }
        if (cause instanceof JsonParseException parse) {
            String where = parse.getLocation() == null ? "" : " (line " + parse.getLocation().getLineNr() + ", column "
                    + parse.getLocation().getColumnNr() + ")";
            return RuleViolation.invalid("body", "json", "the request body is not valid JSON" + where);
        }
        if (cause == null && String.valueOf(e.getMessage()).startsWith("Required request body is missing")) {
            return RuleViolation.invalid("body", "required", "the request body is missing: send a JSON object");
        }
        return RuleViolation.invalid("body", "json", "the request body is not the JSON object this endpoint takes");
    }

    /** The field a mapping problem is about, with the fields that hold it: {@code replacement.amount}. */
    private static String path(JsonMappingException e) {
        List<String> names = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                : "[" + r.getIndex() + "]").toList();
        return names.isEmpty() ? "body" : String.join(".", names).replace(".[", "[");
    }

    private static String shapeOf(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getProcessor() instanceof JsonParser parser) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_ARRAY) {
                return "a JSON array was sent";
            }
            if (token == JsonToken.START_OBJECT) {
                return "a JSON object was sent";
            }
        }
        return "a value of the wrong JSON type was sent";
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String supported = e.getSupportedMediaTypes().stream().map(Object::toString).distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        ResponseEntity<ProblemDetail> answer = respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                List.of(RuleViolation.invalid("Content-Type", "media-type", "Content-Type "
                        + (e.getContentType() == null ? "(none)" : "'" + e.getContentType() + "'")
                        + " is not taken here" + (supported.isEmpty() ? "" : "; send " + supported))));
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(e.getSupportedMediaTypes());
        return widen(ResponseEntity.status(answer.getStatusCode()).headers(accept).body(answer.getBody()));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return widen(respond(HttpStatus.PAYLOAD_TOO_LARGE, "Too large", List.of(RuleViolation.invalid("file",
                "too-large", "the file is larger than the ledger takes"
                        + (e.getMaxUploadSize() > 0 ? " (" + e.getMaxUploadSize() + " bytes)" : "")
                        + "; split it into smaller files"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        return widen(respond(HttpStatus.BAD_REQUEST, "Invalid request", List.of(RuleViolation.invalid(
                e.getRequestPartName(), "required", "the multipart field '" + e.getRequestPartName()
                        + "' is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return widen(respond(HttpStatus.BAD_REQUEST, "Invalid request", List.of(RuleViolation.invalid(
                e.getParameterName(), "required", e.getParameterName() + " is required"))));
    }

    /** Anything unforeseen: 500 as problem+json, logged with the correlation id; nothing was recorded by it. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The ledger could not answer this request; see its log under the correlation id of the response.");
        problem.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return respond(HttpStatus.BAD_REQUEST, "Invalid request", List.of(RuleViolation.invalid(e.getName(),
                "format", e.getName() + ": '" + e.getValue() + "' is not valid here")));
    }

    /** A file, a request body or an archive beyond the ledger's bounds: 413, nothing read further. */
    @ExceptionHandler(cn.cq.fundledger.importer.ImportFile.TooLarge.class)
    public ResponseEntity<ProblemDetail> tooLarge(cn.cq.fundledger.importer.ImportFile.TooLarge e) {
        return respond(HttpStatus.PAYLOAD_TOO_LARGE, "Too large", List.of(RuleViolation.invalid("file", "too-large",
                e.getMessage())));
    }

    /** An upload that cannot be taken apart (a damaged zip, a file cut short): 400, nothing read further. */
    @ExceptionHandler(cn.cq.fundledger.importer.TableReader.UnreadableFile.class)
    public ResponseEntity<ProblemDetail> unreadableUpload(cn.cq.fundledger.importer.TableReader.UnreadableFile e) {
        return respond(HttpStatus.BAD_REQUEST, "Invalid request", List.of(RuleViolation.invalid("file",
                "unreadable-file", e.getMessage())));
    }

    /** An import is being applied and the command could not wait for it: 503, nothing recorded. */
    @ExceptionHandler(WriteGate.Busy.class)
    public ResponseEntity<ProblemDetail> busy(WriteGate.Busy e) {
        ResponseEntity<ProblemDetail> answer = respond(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                List.of(RuleViolation.invalid(null, "import-running", e.getMessage())));
        return ResponseEntity.status(answer.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "30")
                .body(answer.getBody());
    }

    /** Every what-if run is taken and the request waited its turn long enough: 503, nothing run. */
    @ExceptionHandler(cn.cq.fundledger.credit.whatif.CreditWhatIf.Busy.class)
    public ResponseEntity<ProblemDetail> whatIfBusy(cn.cq.fundledger.credit.whatif.CreditWhatIf.Busy e) {
        ResponseEntity<ProblemDetail> answer = respond(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                List.of(RuleViolation.invalid(null, "what-if-busy", e.getMessage())));
        return ResponseEntity.status(answer.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "10")
                .body(answer.getBody());
    }

    public static ResponseEntity<ProblemDetail> respond(HttpStatus status, String title, List<RuleViolation> problems) {
        RuleViolation first = problems.get(0);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, problems.size() == 1 ? first.getMessage()
                : problems.size() + " problems: " + String.join("; ", problems.stream().map(RuleViolation::getMessage).toList()));
        problem.setTitle(title);
        problem.setType(URI.create("urn:fund-ledger:problem:" + first.rule()));
        problem.setProperty("field", first.field());
        problem.setProperty("rule", first.rule());
        problem.setProperty("errors", problems.stream().map(p -> {
            Map<String, Object> error = new java.util.LinkedHashMap<>();
            error.put("field", p.field());
            error.put("rule", p.rule());
            error.put("message", p.getMessage());
            return error;
        }).toList());
        return ResponseEntity.status(status).body(problem);
    }

    /** The status code a refusal of this kind answers with, for the API and the pages alike. */
    public static int statusCode(RuleViolation.Kind kind) {
        return statusOf(kind).value();
    }

    static HttpStatus statusOf(RuleViolation.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case REFUSED -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    private static String titleOf(RuleViolation.Kind kind) {
        return switch (kind) {
            case INVALID -> "Invalid request";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflicts with a recorded fact";
            case REFUSED -> "Refused by a ledger rule";
        };
    }
}
