package io.oncosurv.server;

import static io.oncosurv.server.LungServer.TOKEN;
import static io.oncosurv.server.LungServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oncosurv.server.http.UploadForm;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multipart upload is one part, a file named 'file' ({@link UploadForm}): forms with more
 * (two files, a file under another name, a text field) or less are refused with 400 and a
 * message that says what the form has, and store nothing.
 */
class UploadFormTest {

    private static final String A = "patient_id,os_months,os_event\na,1.5,1\nb,2.5,0\n";
    private static final String B = "patient_id,os_months,os_event\nc,3.5,1\nd,4.5,1\n";

    @TempDir
    static Path dataDir;

    private static Vertx vertx;
    private static BlockedThreads blocked;
    private static LungServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        blocked = BlockedThreads.watch(vertx);
        server = await(LungServer.start(vertx, dataDir), 60);
    }

    @AfterAll
    static void stop() throws Exception {
        blocked.assertNone();
        await(vertx.close(), 30);
    }

    @Test
    @DisplayName("each ambiguous form is refused with 400 and what it has; the store is unchanged")
    void ambiguousFormsAreRefused() throws Exception {
        Set<String> before = await(server.cohortIds(), 30);
        List<String> failures = new ArrayList<>();
        refused(failures, "two 'file' parts", form(file("file", "a.csv", A),
                file("file", "b.csv", B)),
                "Send one file per upload: the form has 2 'file' parts.");
        refused(failures, "three 'file' parts", form(file("file", "a.csv", A),
                file("file", "b.csv", B), file("file", "c.tsv", A)),
                "Send one file per upload: the form has 3 'file' parts.");
        refused(failures, "'file' and another file", form(file("file", "a.csv", A),
                file("notes", "notes.txt", "free text")),
                "Send one file per upload, as the form's only part: besides its 'file' part the "
                        + "form has the file part 'notes' (the cohort's name goes in the query, "
                        + "?name=NAME).");
        refused(failures, "'file' and text fields", form(text("name", "other"),
                file("file", "a.csv", A), text("file", B)),
                "Send one file per upload, as the form's only part: besides its 'file' part the "
                        + "form has the text field 'file', the text field 'name' (the cohort's "
                        + "name goes in the query, ?name=NAME).");
        refused(failures, "'file' as a text field", form(text("file", A)),
                "The multipart form has no 'file' part: its 'file' is a text field; send the "
                        + "cohort as a file (as curl's -F file=@cohort.csv does).");
        refused(failures, "the file under another name", form(file("data", "a.csv", A)),
                "The multipart form has no 'file' part (it has the file part 'data'); send the "
                        + "cohort as a file part named 'file'.");
        refused(failures, "an empty form", "--XyZ--\r\n",
                "The multipart form has no 'file' part; send the cohort as a file part named "
                        + "'file'.");
        HttpResponse<Buffer> noBoundary = await(post("multipart/form-data", form(file("file",
                "a.csv", A))), 30);
        check(failures, "no boundary", noBoundary, "The multipart/form-data Content-Type has no "
                + "boundary; send it as 'multipart/form-data; boundary=...' (a client's form "
                + "encoder does this).");
        HttpResponse<Buffer> twoFromClient = await(server.client().post("/api/cohorts")
                .addQueryParam("name", "client").bearerTokenAuthentication(TOKEN)
                .sendMultipartForm(MultipartForm.create()
                        .textFileUpload("file", "a.csv", Buffer.buffer(A), "text/csv")
                        .textFileUpload("file", "b.csv", Buffer.buffer(B), "text/csv")), 30);
        check(failures, "two files from Vert.x's form encoder", twoFromClient,
                "Send one file per upload: the form has 2 'file' parts.");
        assertEquals(List.of(), failures);
        assertEquals(before, await(server.cohortIds(), 30), "nothing was stored");
    }

    @Test
    @DisplayName("a form cut short inside its 'file' part is refused with 400; one 'file' part is "
            + "stored (201)")
    void cutShortAndWhole() throws Exception {
        Set<String> before = await(server.cohortIds(), 30);
        String cut = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n" + A;
        HttpResponse<Buffer> answer = await(post("multipart/form-data; boundary=XyZ", cut), 30);
        assertEquals(400, answer.statusCode(), answer.bodyAsString());
        assertEquals("The multipart form ends inside its 'file' part (no closing boundary): the "
                + "upload was cut short; send it again.", answer.bodyAsJsonObject()
                        .getString("error"));
        assertEquals(before, await(server.cohortIds(), 30));
        HttpResponse<Buffer> whole = await(post("multipart/form-data; boundary=XyZ",
                form(file("file", "a.csv", A))), 30);
        assertEquals(201, whole.statusCode(), whole.bodyAsString());
        assertEquals(2, whole.bodyAsJsonObject().getInteger("patients"));
    }

    @Test
    @DisplayName("a form Vert.x cannot decode (a text field over 8 KB) is refused with 400; the "
            + "store is unchanged")
    void undecodableForm() throws Exception {
        Set<String> before = await(server.cohortIds(), 30);
        HttpResponse<Buffer> answer = await(post("multipart/form-data; boundary=XyZ",
                form(text("note", "n".repeat(20_000)), file("file", "a.csv", A))), 30);
        assertEquals(400, answer.statusCode(), answer.bodyAsString());
        String error = answer.bodyAsJsonObject().getString("error");
        assertTrue(error.startsWith("The upload's body cannot be read (") && error.endsWith(
                "); send it again as a multipart form with one file part named 'file'."), error);
        assertEquals(before, await(server.cohortIds(), 30));
    }

    private static void refused(List<String> failures, String what, String form,
            String message) throws Exception {
        check(failures, what, await(post("multipart/form-data; boundary=XyZ", form), 30),
                message);
    }

    private static void check(List<String> failures, String what, HttpResponse<Buffer> answer,
            String message) {
        String error = answer.statusCode() == 400 ? answer.bodyAsJsonObject().getString("error")
                : null;
        if (answer.statusCode() != 400 || !message.equals(error)) {
            failures.add(what + ": " + answer.statusCode() + " " + answer.bodyAsString());
        }
    }

    private static io.vertx.core.Future<HttpResponse<Buffer>> post(String type, String body) {
        return server.client().post("/api/cohorts").addQueryParam("name", "form")
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", type)
                .sendBuffer(Buffer.buffer(body));
    }

    /** A multipart/form-data body with boundary XyZ. */
    private static String form(String... parts) {
        return String.join("", parts) + "--XyZ--\r\n";
    }

    private static String file(String field, String fileName, String content) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n";
    }

    private static String text(String field, String value) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value
                + "\r\n";
    }
}
