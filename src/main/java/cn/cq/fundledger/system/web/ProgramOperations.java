package cn.cq.fundledger.system.web;

import java.util.List;

/**
 * What a program offers on the operations pages: the forms of {@code /record} (its facts and their corrections)
 * and of {@code /policy}, and the tables of its policies in force and their history. Each program's {@code web}
 * package implements it with its own request records and queries, so the pages that list them need not know the
 * programs.
 */
public interface ProgramOperations {

    /** The message key of the program's name ({@code program.credit}). */
    String program();

    List<Form> forms();

    /** The program's policies (versions in force and their history), read as the API reads them. */
    default List<Table> policies() {
        return List.of();
    }
}
