// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for Sacrum: front matter, Markdown with Sacrum's transforms, templates, and images.
// Build and run them with `make fuzz` / `make fuzz-smoke` (Fuzz/fuzz.mk), which pass
// `--sanitize=fuzzer --sanitize=address`; see Fuzz/README.md.
//
// Each target defines `LLVMFuzzerTestOneInput` and no Swift `main` (`-parse-as-library`): libFuzzer's
// runtime, linked in by `-sanitize=fuzzer`, brings `main`.

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]
let harnessSettings = swiftSettings + [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "SacrumFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Sacrum", path: ".."),
    ],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "SacrumContent", package: "Sacrum"),
                .product(name: "SacrumMarkdown", package: "Sacrum"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "fuzz-front-matter",
            dependencies: ["FuzzSupport", .product(name: "SacrumContent", package: "Sacrum")],
            swiftSettings: harnessSettings
        ),
        .executableTarget(
            name: "fuzz-markdown",
            dependencies: [
                "FuzzSupport",
                .product(name: "SacrumContent", package: "Sacrum"),
                .product(name: "SacrumMarkdown", package: "Sacrum"),
            ],
            swiftSettings: harnessSettings
        ),
        .executableTarget(
            name: "fuzz-image",
            dependencies: ["FuzzSupport", .product(name: "SacrumImages", package: "Sacrum")],
            swiftSettings: harnessSettings
        ),
        .executableTarget(
            name: "fuzz-template",
            dependencies: [
                "FuzzSupport",
                .product(name: "SacrumContent", package: "Sacrum"),
                .product(name: "SacrumTheme", package: "Sacrum"),
            ],
            swiftSettings: harnessSettings
        ),
    ]
)
