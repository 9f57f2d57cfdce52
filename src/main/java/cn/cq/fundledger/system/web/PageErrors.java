package cn.cq.fundledger.system.web;

import cn.cq.fundledger.core.Input;
import cn.cq.fundledger.core.RuleViolation;
import cn.cq.fundledger.system.ProjectionHalted;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a page shows when its request is refused or cannot be answered: the same rule and words the API would
 * give, on a page with the menus, and the same status code.
 */
@ControllerAdvice(annotations = Page.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(RuleViolation.class)
    public ModelAndView refused(RuleViolation violation, HttpServletResponse response) {
        int status = cn.cq.fundledger.system.ProblemHandler.statusCode(violation.kind());
        return page(response, status, List.of(new Shown(violation.field(), violation.rule(), violation.getMessage())));
    }

    @ExceptionHandler(Input.InvalidInput.class)
    public ModelAndView invalid(Input.InvalidInput invalid, HttpServletResponse response) {
        return page(response, 400, invalid.problems().stream()
                .map(p -> new Shown(p.field(), p.rule(), p.getMessage())).toList());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ModelAndView mismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response) {
        return page(response, 400, List.of(new Shown(e.getName(), "format", e.getName() + ": '" + e.getValue()
                + "' is not valid here")));
    }

    @ExceptionHandler(ProjectionHalted.class)
    public ModelAndView halted(ProjectionHalted halted, HttpServletResponse response) {
        return page(response, 503, List.of(new Shown(null, "projection-halted", halted.getMessage())));
    }

    @ExceptionHandler(Exception.class)
    public ModelAndView failed(Exception e, HttpServletResponse response) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.web.ErrorResponse) {
            throw e; // security and Spring MVC's own answers (404, 405) keep their statuses
        }
        log.error("Page failed", e);
        return page(response, 500, List.of(new Shown(null, "internal", null)));
    }

    private static ModelAndView page(HttpServletResponse response, int status, List<Shown> problems) {
        response.setStatus(status);
        ModelAndView view = new ModelAndView("problem");
        view.addObject("status", status);
        view.addObject("problems", problems);
        return view;
    }

    /** One problem as the page shows it: the field, the rule and the API's sentence. */
    public record Shown(String field, String rule, String message) {
    }
}
