extension SiteConfigDecoder {
    private static let practiceKeys = ["name", "phone", "phone_link", "address", "hours", "appointment_url"]
    private static let addressKeys = ["street", "city", "region", "postal_code", "country"]

    /// Decodes the `practice:` mapping. The display phone and the `tel:` form must be the same number.
    func decodePractice(_ value: YAMLValue, reader: inout YAMLFieldReader) -> PracticeInfo? {
        guard let pairs = reader.mapping(value, what: "'practice'") else { return nil }
        var name: String?
        var phone: (String, YAMLPosition)?
        var phoneLink: (String, YAMLPosition)?
        var address: PostalAddress?
        var hours = OpeningHours()
        var appointmentURL: String?
        for pair in pairs {
            switch pair.key {
            case "name": name = reader.nonEmptyText(pair.value, key: "practice.name")
            case "phone": phone = reader.nonEmptyText(pair.value, key: "practice.phone").map { ($0, pair.value.position) }
            case "phone_link":
                phoneLink = reader.nonEmptyText(pair.value, key: "practice.phone_link").map { ($0, pair.value.position) }
            case "address": address = decodeAddress(pair.value, reader: &reader)
            case "hours": hours = decodeHours(pair.value, reader: &reader)
            case "appointment_url": appointmentURL = reader.nonEmptyText(pair.value, key: "practice.appointment_url")
            default: reader.unknownKey(pair, known: Self.practiceKeys, in: "'practice'")
            }
        }
        for key in ["name", "phone", "phone_link", "address"] where !pairs.contains(where: { $0.key == key }) {
            reader.report(
                id: "config.missing", at: value.position, "'practice' has no '\(key)'",
                hint: key == "phone_link" ? "add the phone in international form, like phone_link: \"+15802347246\"" : nil)
        }
        if let (link, position) = phoneLink {
            if !Self.isE164(link) {
                reader.report(
                    id: "config.value", at: position, "'practice.phone_link' must be an international number like +15802347246, not '\(link)'",
                    hint: "write '+', the country code and the number, digits only")
            } else if let (display, displayPosition) = phone {
                let displayDigits = display.filter(\.isNumber)
                if displayDigits.count < 7 || !link.filter(\.isNumber).hasSuffix(displayDigits) {
                    reader.report(
                        id: "config.value", at: displayPosition,
                        "'practice.phone' (\(display)) and 'practice.phone_link' (\(link)) are not the same number",
                        hint: "correct whichever is wrong; both say how patients reach the practice")
                }
            }
        }
        guard let name, let phone, let phoneLink, let address else { return nil }
        return PracticeInfo(
            name: name, phone: phone.0, phoneLink: phoneLink.0, address: address, hours: hours,
            appointmentURL: appointmentURL)
    }

    private func decodeAddress(_ value: YAMLValue, reader: inout YAMLFieldReader) -> PostalAddress? {
        guard let pairs = reader.mapping(value, what: "'practice.address'") else { return nil }
        var fields: [String: String] = [:]
        for pair in pairs {
            if Self.addressKeys.contains(pair.key) {
                fields[pair.key] = reader.nonEmptyText(pair.value, key: "practice.address.\(pair.key)")
            } else {
                reader.unknownKey(pair, known: Self.addressKeys, in: "'practice.address'")
            }
        }
        for key in Self.addressKeys where !pairs.contains(where: { $0.key == key }) {
            reader.report(id: "config.missing", at: value.position, "'practice.address' has no '\(key)'")
        }
        guard let street = fields["street"], let city = fields["city"], let region = fields["region"],
            let postalCode = fields["postal_code"], let country = fields["country"]
        else { return nil }
        return PostalAddress(street: street, city: city, region: region, postalCode: postalCode, country: country)
    }

    private func decodeHours(_ value: YAMLValue, reader: inout YAMLFieldReader) -> OpeningHours {
        guard let pairs = reader.mapping(value, what: "'practice.hours'") else { return OpeningHours() }
        var days: [Weekday: [TimeRange]] = [:]
        for pair in pairs {
            guard let day = Weekday(rawValue: pair.key.lowercased()) else {
                reader.unknownKey(pair, known: Weekday.allCases.map(\.rawValue), in: "'practice.hours'")
                continue
            }
            if case .scalar(let text, _, _) = pair.value, text.lowercased() == "closed" || pair.value.isNull {
                days[day] = []
                continue
            }
            guard let entries = reader.positionedTextList(pair.value, key: "practice.hours.\(pair.key)") else { continue }
            var ranges: [TimeRange] = []
            for (text, position) in entries {
                guard let range = TimeRange.parse(text) else {
                    reader.report(
                        id: "config.value", at: position, "'\(text)' is not a time range",
                        hint: "write ranges in 24-hour time, like \"08:00-12:00\"; a lunch closure is two ranges")
                    continue
                }
                guard range.opens < range.closes else {
                    reader.report(
                        id: "config.value", at: position, "'\(text)' closes before it opens",
                        hint: "write the earlier time first; ranges may not pass midnight")
                    continue
                }
                if let last = ranges.last, range.opens < last.closes {
                    reader.report(
                        id: "config.value", at: position, "'\(text)' overlaps or comes before the range before it",
                        hint: "list a day's ranges in order without overlaps")
                    continue
                }
                ranges.append(range)
            }
            days[day] = ranges
        }
        return OpeningHours(days: days)
    }

    static func isE164(_ text: String) -> Bool {
        guard text.first == "+" else { return false }
        let digits = text.dropFirst()
        return (7...15).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
            && digits.first != "0"
    }
}
