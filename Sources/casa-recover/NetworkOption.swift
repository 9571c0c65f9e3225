import ArgumentParser
import SeedKit
import LightningTypes

extension BitcoinNetwork: ExpressibleByArgument {}
