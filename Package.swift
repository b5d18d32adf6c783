// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every target: Swift 6 language mode (the tools version's default) with
/// strict concurrency, plus the upcoming features the codebase is written against.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Sacrum",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sacrum", targets: ["sacrum"]),
        .library(name: "SacrumMarkdown", targets: ["SacrumMarkdown"]),
        .library(name: "SacrumBuild", targets: ["SacrumBuild"]),
        // For the libFuzzer targets of Fuzz/, which see only this package's products.
        .library(name: "SacrumContent", targets: ["SacrumContent"]),
        .library(name: "SacrumTheme", targets: ["SacrumTheme"]),
        .library(name: "SacrumImages", targets: ["SacrumImages"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // 5.0.1 composes a front-matter block in ~17 µs against ~75 µs for 6.2.2, whose extra time is
        // its duplicate-key check; SacrumContent walks the composed nodes itself and reports
        // duplicate keys at their own line and column (see ../shared/research/stack.md §4).
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CBrotli",
            pkgConfig: "libbrotlienc",
            providers: [.apt(["libbrotli-dev"]), .brew(["brotli"])]
        ),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        // The only code that touches zlib's, libbrotli's and libcrypto's pointers: .gz and .br files
        // for hosts, and the SHA-256 digest.
        .target(
            name: "SacrumCompression",
            dependencies: ["CZlib", "CBrotli", "CLibCrypto"],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"]), .brew(["vips"])]
        ),
        .target(
            name: "SacrumImages",
            dependencies: ["CVips", "SacrumCompression"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SacrumMarkdown",
            dependencies: ["CCmark"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SacrumContent",
            dependencies: ["SacrumMarkdown", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SacrumTheme",
            dependencies: ["SacrumContent", "SacrumMarkdown"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SacrumBuild",
            dependencies: ["SacrumContent", "SacrumTheme", "SacrumMarkdown", "SacrumCompression", "SacrumImages"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SacrumServer",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SacrumCLI",
            dependencies: [
                "SacrumBuild", "SacrumServer", "SacrumContent",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sacrum",
            dependencies: ["SacrumCLI"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sacrum-bench",
            dependencies: ["SacrumMarkdown", "SacrumBuild"],
            path: "Benchmarks/SacrumBench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SacrumMarkdownTests",
            dependencies: ["SacrumMarkdown", "CCmark"],
            exclude: ["Spec"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SacrumImagesTests",
            dependencies: ["SacrumImages"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SacrumContentTests",
            dependencies: ["SacrumContent"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SacrumThemeTests",
            dependencies: ["SacrumTheme"],
            exclude: ["Spec"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SacrumBuildTests",
            dependencies: ["SacrumBuild", "SacrumContent", "SacrumCompression"],
            exclude: ["Sites"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SacrumServerTests",
            dependencies: [
                "SacrumServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SacrumCLITests",
            // ArgumentParser for parsing the README's command lines as the command does.
            dependencies: ["SacrumCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
    ]
)
