package io.oncosurv.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The one shape of a multipart upload: a file named {@code file}, with at most a text field
 * {@code labels} (the cohort's value labels, as the query's {@code labels}). Anything else
 * is ambiguous (which file is the cohort? was the text field meant as its name?) and is refused
 * with 400 naming what the form has, rather than one part being taken and the rest ignored.
 */
public final class UploadForm {

    private static final int NAMES_SHOWN = 3;

    private UploadForm() {
    }

    /** The cohort's file part of {@code form}, or a 400 that says what is wrong with the form. */
    static UploadBody.FilePart theFile(UploadBody.Received form) {
        List<UploadBody.FilePart> files = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (UploadBody.FilePart part : form.files()) {
            if (part.field().equals("file")) {
                files.add(part);
            } else {
                others.add("the file part '" + UploadBody.shorten(part.field()) + "'");
            }
        }
        for (String field : form.textFields()) {
            if (field.equals("labels")) {
                continue; // the cohort's value labels, beside its file
            }
            others.add("the text field '" + UploadBody.shorten(field) + "'");
        }
        if (files.size() > 1) {
            throw new ApiError(400, "Send one file per upload: the form has " + files.size()
                    + " 'file' parts.");
        }
        if (files.isEmpty()) {
            boolean fileAsText = form.textFields().contains("file");
            throw new ApiError(400, "The multipart form has no 'file' part" + (fileAsText
                    ? ": its 'file' is a text field; send the cohort as a file (as curl's -F "
                            + "file=@cohort.csv does)." : others.isEmpty()
                            ? "; send the cohort as a file part named 'file'."
                            : " (it has " + list(others) + "); send the cohort as a file part "
                                    + "named 'file'."));
        }
        if (!others.isEmpty()) {
            throw new ApiError(400, "Send one file per upload, as the form's only part: besides "
                    + "its 'file' part the form has " + list(others) + " (the cohort's name "
                    + "goes in the query, ?name=NAME).");
        }
        UploadBody.FilePart file = files.get(0);
        if (!file.complete()) {
            throw new ApiError(400, "The multipart form ends inside its 'file' part (no closing "
                    + "boundary): the upload was cut short; send it again.");
        }
        return file;
    }

    private static String list(List<String> items) {
        List<String> shown = items.subList(0, Math.min(NAMES_SHOWN, items.size()));
        String text = String.join(", ", shown);
        return items.size() > NAMES_SHOWN ? text + " and " + (items.size() - NAMES_SHOWN)
                + " more" : text;
    }
}
