#include "sim/gotype.h"

#include "sim/sizeclasses.h"

namespace gclab {

TypeRegistry::TypeRegistry() { define("tinyblock", maxTinySize, {}); }

TypeId TypeRegistry::define(std::string name, uintptr size, std::vector<std::uint32_t> ptrWords) {
    SIM_CHECK(!byName_.contains(name), "type defined twice: " + name);
    for (std::size_t i = 0; i < ptrWords.size(); i++) {
        SIM_CHECK(uintptr{ptrWords[i]} * 8 + 8 <= size, "pointer word outside type " + name);
        SIM_CHECK(i == 0 || ptrWords[i - 1] < ptrWords[i], "pointer words not ascending in " + name);
    }
    GoType t;
    t.name = std::move(name);
    t.size = size;
    t.ptrdata = ptrWords.empty() ? 0 : (uintptr{ptrWords.back()} + 1) * 8;
    t.ptrWords = std::move(ptrWords);
    auto id = static_cast<TypeId>(types_.size());
    byName_.emplace(t.name, id);
    types_.push_back(std::move(t));
    return id;
}

TypeId TypeRegistry::arrayOf(TypeId elem, uintptr n) {
    auto key = std::make_pair(elem, n);
    if (auto it = arrays_.find(key); it != arrays_.end())
        return it->second;
    const GoType& e = types_[elem];
    std::vector<std::uint32_t> words;
    words.reserve(e.ptrWords.size() * n);
    SIM_CHECK(e.size / 8 * n < (uintptr{1} << 32), "array type too large for the model: " + e.name);
    const auto elemWords = static_cast<std::uint32_t>(e.size / 8);
    for (uintptr i = 0; i < n && !e.ptrWords.empty(); i++)
        for (std::uint32_t w : e.ptrWords)
            words.push_back(static_cast<std::uint32_t>(i) * elemWords + w);
    TypeId id = define("[" + std::to_string(n) + "]" + e.name, e.size * n, std::move(words));
    arrays_.emplace(key, id);
    return id;
}

bool TypeRegistry::find(const std::string& name, TypeId& out) const {
    auto it = byName_.find(name);
    if (it == byName_.end())
        return false;
    out = it->second;
    return true;
}

} // namespace gclab
