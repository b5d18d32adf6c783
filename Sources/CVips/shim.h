// libvips for Swift. Swift cannot call C variadic functions, so each libvips call Sacrum makes with
// optional arguments has a fixed-argument wrapper here; SacrumImages is the only module that uses them.
#include <vips/vips.h>
#if defined(__GLIBC__)
#include <malloc.h>
#include <unistd.h>
#endif

/// Caps glibc's malloc arenas at one per core (at least two), and has free memory above 1 MB at the
/// top of the heap returned to the system (a fixed threshold instead of glibc's, which grows with the
/// largest buffer freed); a no-op elsewhere. See VipsEngine.startup.
static inline void sacrum_tune_malloc(void) {
#if defined(__GLIBC__)
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    mallopt(M_ARENA_MAX, cores > 2 ? (int)cores : 2);
    mallopt(M_TRIM_THRESHOLD, 1 << 20);
#endif
}

/// Reads only the header (size, bands, orientation): no pixel is decoded.
static inline VipsImage *sacrum_vips_header(const void *buf, size_t len) {
    return vips_image_new_from_buffer(buf, len, "",
        "access", VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
}

/// Decodes (shrinking on load where the format allows), turns upright by the orientation tag,
/// converts to sRGB and scales down to `width` (never up). The source must have passed
/// sacrum_vips_full_size first: in 8.14 `fail_on` is not applied to buffers here.
static inline int sacrum_vips_thumbnail(const void *buf, size_t len, int width, VipsImage **out) {
    return vips_thumbnail_buffer((void *)buf, len, out, width,
        "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, "export_profile", "srgb",
        "fail_on", VIPS_FAIL_ON_WARNING, NULL);
}

/// The whole image, decoded strictly (any decoder warning fails, so truncation does), turned upright
/// and converted to sRGB at full size. The strict check lives here because in 8.14 the buffer
/// variant of thumbnail does not pass `fail_on` on to the loader. `sequential` streams the pixels
/// through (a few rows in memory instead of the whole decoded image); an image its orientation tag
/// turns needs random access and must pass 0.
static inline int sacrum_vips_full_size(const void *buf, size_t len, int sequential, VipsImage **out) {
    VipsImage *in = vips_image_new_from_buffer(buf, len, "", "fail_on", VIPS_FAIL_ON_WARNING,
        "access", sequential ? VIPS_ACCESS_SEQUENTIAL : VIPS_ACCESS_RANDOM, NULL);
    if (!in) return -1;
    int side = VIPS_MAX(vips_image_get_width(in), vips_image_get_height(in));
    int status = vips_thumbnail_image(in, out, side,
        "height", VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, "export_profile", "srgb", NULL);
    g_object_unref(in);
    return status;
}

/// A new image sharing the pixels of `in`, whose metadata can be changed.
static inline int sacrum_vips_copy(VipsImage *in, VipsImage **out) {
    return vips_copy(in, out, NULL);
}

static inline int sacrum_vips_webp(VipsImage *in, int quality, void **buf, size_t *len) {
    return vips_webpsave_buffer(in, buf, len, "Q", quality, "strip", TRUE, NULL);
}

/// `optimize` computes Huffman tables for the image (about 4% smaller), which holds every DCT
/// coefficient in memory: 72 MB for a 12-megapixel photo at quality 90, so the full-size copy skips it.
static inline int sacrum_vips_jpeg(VipsImage *in, int quality, int optimize, void **buf, size_t *len) {
    return vips_jpegsave_buffer(in, buf, len, "Q", quality, "strip", TRUE, "optimize_coding", optimize, NULL);
}

static inline int sacrum_vips_png(VipsImage *in, void **buf, size_t *len) {
    return vips_pngsave_buffer(in, buf, len, "compression", 6, "strip", TRUE, NULL);
}

static inline int sacrum_vips_avif(VipsImage *in, int quality, void **buf, size_t *len) {
    return vips_heifsave_buffer(in, buf, len, "Q", quality,
        "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "effort", 4, "strip", TRUE, NULL);
}

static inline void sacrum_vips_unref(VipsImage *image) {
    g_object_unref(image);
}

static inline int sacrum_vips_gif(VipsImage *in, void **buf, size_t *len) {
    return vips_gifsave_buffer(in, buf, len, "strip", TRUE, NULL);
}
