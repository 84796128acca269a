package dev.facerec.tools.bench.http;

import java.util.List;

/** What the part over HTTP measured, for the targets. */
record PhotoFigures(List<LargePhotoSection.Figures> large, HeicSection.Figures heic, LoadSection.Figures load) {}
