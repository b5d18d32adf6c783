/// A bound on the work one render may do, so that a template cannot hang a build.
///
/// Sections over lists multiply: `{{#menu}}` nested twenty deep over a five-entry menu renders its
/// inside 5²⁰ times (found by fuzz-template as a build that never finished). Every value a template
/// looks up and every list element a section goes through takes a step (`TemplateRenderer`); a page
/// that needs more than `limit` steps stops rendering (every further value is absent, so sections end
/// at once) and is an error. The 50,000-page benchmark corpus (section lists of about 1,900 pages)
/// builds within it.
enum RenderBudget {
    /// Steps one render may take.
    static let limit = 2_000_000
}
